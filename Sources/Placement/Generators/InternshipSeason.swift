extension RandomMarket {
  /// The shape of a season of internships in high-tech parks (Hoa Lac and others):
  /// about 3,000 students from 8 universities, 60 hosts in 7 priority sectors offering
  /// about 400 posts under shared host capacities, per-university caps on a third of
  /// the posts, and ties where hosts cannot tell students apart. Each host ranks its
  /// applicants once for all its posts (as a lecturer does in student–project allocation).
  ///
  /// The bundled `instances/hoa-lac-internships-2026.json` is
  /// `RandomMarket.internshipSeason().instance(seed: 2026)` with ids renamed by
  /// ``internshipSeasonInstance(seed:)``.
  public static func internshipSeason() -> RandomMarket {
    var shape = RandomMarket(applicants: 3_000, positions: 400, listLength: 8)
    shape.name = "hoa-lac-internships-2026"
    shape.capacity = 2...10
    shape.tieDensity = 0.15
    shape.correlation = 0.6
    shape.groups = 60
    shape.groupCapacityShare = 0.85
    shape.groupPreferences = true
    shape.typeNames = ["hust", "vnu-uet", "vnu-hus", "ptit", "fpt-u", "usth", "hcmut", "dut"]
    shape.typeQuotaShare = 0.33
    shape.typeQuotaFraction = 0.5
    return shape
  }

  /// The internship season for `seed`, with readable ids: students `s0001`, hosts
  /// `<sector>-host-07`, posts `<host>-p2`.
  public static func internshipSeasonInstance(seed: UInt64) -> Instance {
    let sectors = ["ai", "semiconductor", "biotech", "cybersecurity", "edtech", "materials", "energy"]
    var instance = internshipSeason().instance(seed: seed)
    var groupName: [String: String] = [:]
    for (g, group) in instance.groups.enumerated() {
      groupName[group.id] = "\(sectors[g % sectors.count])-host-\(g / sectors.count + 1)"
    }
    var postName: [String: String] = [:]
    var postsOfHost: [String: Int] = [:]
    for position in instance.positions {
      let host = position.groups.first.flatMap { groupName[$0] } ?? "independent"
      let number = (postsOfHost[host] ?? 0) + 1
      postsOfHost[host] = number
      postName[position.id] = "\(host)-p\(number)"
    }
    func student(_ id: String) -> String { "s" + id.dropFirst() }
    func renamed(_ list: PreferenceList, _ name: (String) -> String) -> PreferenceList {
      PreferenceList(tiers: list.tiers.map { $0.map(name) })
    }
    instance.applicants = instance.applicants.map { applicant in
      var applicant = applicant
      applicant.id = student(applicant.id)
      applicant.preferences = renamed(applicant.preferences) { postName[$0] ?? $0 }
      return applicant
    }
    instance.positions = instance.positions.map { position in
      var position = position
      position.id = postName[position.id] ?? position.id
      position.groups = position.groups.map { groupName[$0] ?? $0 }
      position.preferences = position.preferences.map { renamed($0, student) }
      return position
    }
    instance.groups = instance.groups.map { group in
      var group = group
      group.id = groupName[group.id] ?? group.id
      group.preferences = group.preferences.map { renamed($0, student) }
      return group
    }
    instance.typeQuotas = instance.typeQuotas.map { quota in
      var quota = quota
      quota.position = quota.position.map { postName[$0] ?? $0 }
      quota.group = quota.group.map { groupName[$0] ?? $0 }
      return quota
    }
    return instance
  }
}
