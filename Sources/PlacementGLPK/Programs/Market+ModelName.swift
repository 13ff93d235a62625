import Placement

extension Market {
  /// The start of an exported model's name: the instance's name without control
  /// characters, at most 120 characters (model names are limited to 255).
  var modelNamePrefix: String {
    let printable = name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
    return String(String(String.UnicodeScalarView(printable)).prefix(120))
  }
}
