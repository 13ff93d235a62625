// One refine phase of MinCostFlow's cost scaling, over raw buffers of the residual network.

/// Per-phase work arrays, allocated once per phase.
struct PhaseScratch {
  var queue: [Int32]
  var current: [Int32]
  var rank: [Int32]
  var bucketHead: [Int32]
  var bucketNext: [Int32]
  var bucketPrevious: [Int32]

  init(nodeCount n: Int) {
    queue = [Int32](repeating: 0, count: n + 1)
    current = [Int32](repeating: 0, count: n)
    rank = [Int32](repeating: 0, count: n)
    bucketHead = [Int32](repeating: -1, count: n + 2)
    bucketNext = [Int32](repeating: -1, count: n)
    bucketPrevious = [Int32](repeating: -1, count: n)
  }
}

/// One refine phase of cost scaling over the residual network's raw buffers.
/// Hot loop of `MinCostFlow.minimize` (benchmark `Welfare/flow`).
struct Phase {
  let epsilon: Int64
  let first: UnsafeBufferPointer<Int32>
  let head: UnsafeBufferPointer<Int32>
  let sister: UnsafeBufferPointer<Int32>
  let cost: UnsafeBufferPointer<Int64>
  let residual: UnsafeMutableBufferPointer<Int32>
  let reverse: UnsafeMutableBufferPointer<Int32>
  let excess: UnsafeMutableBufferPointer<Int64>
  let potential: UnsafeMutableBufferPointer<Int64>

  var nodeCount: Int { potential.count }

  func run(_ scratch: inout PhaseScratch, shouldStop: () -> Bool) throws(MinCostFlow.Failure) {
    let n = nodeCount
    // Saturate arcs with negative reduced cost.
    for v in 0..<n {
      let pv = potential[v]
      for a in Int(first[v])..<Int(first[v + 1]) where residual[a] > 0 {
        let w = Int(head[a])
        if cost[a] + pv - potential[w] < 0 {
          let delta = residual[a]
          let b = Int(sister[a])
          residual[a] = 0
          residual[b] += delta
          reverse[b] = 0
          reverse[a] = residual[b]
          excess[v] -= Int64(delta)
          excess[w] += Int64(delta)
        }
      }
    }
    for v in 0..<n { scratch.current[v] = first[v] }
    globalUpdate(&scratch)
    // FIFO discharge of active nodes.
    var queueHead = 0
    var queueTail = 0
    var queued = 0
    for v in 0..<n where excess[v] > 0 {
      scratch.queue[queueTail] = Int32(v)
      queueTail += 1
      queued += 1
    }
    var relabels = 0
    var work = 0
    while queued > 0 {
      let v = Int(scratch.queue[queueHead])
      queueHead = queueHead == n ? 0 : queueHead + 1
      queued -= 1
      work += 1
      if work & 0xFFFF == 0, shouldStop() { throw .stopped }
      let end = Int(first[v + 1])
      while excess[v] > 0 {
        var a = Int(scratch.current[v])
        let pv = potential[v]
        while a < end {
          if residual[a] > 0 {
            let w = Int(head[a])
            if cost[a] + pv - potential[w] < 0 {
              let delta = Int32(min(excess[v], Int64(residual[a])))
              let b = Int(sister[a])
              residual[a] -= delta
              residual[b] += delta
              reverse[b] = residual[a]
              reverse[a] = residual[b]
              excess[v] -= Int64(delta)
              let before = excess[w]
              excess[w] = before + Int64(delta)
              if before <= 0 && excess[w] > 0 {
                scratch.queue[queueTail] = Int32(w)
                queueTail = queueTail == n ? 0 : queueTail + 1
                queued += 1
              }
              if excess[v] == 0 { break }
            }
          }
          a += 1
        }
        if excess[v] == 0 {
          scratch.current[v] = Int32(a)
          break
        }
        // Relabel: the cheapest residual arc gets reduced cost −ε.
        var best = Int64.min
        for b in Int(first[v])..<end where residual[b] > 0 {
          best = max(best, potential[Int(head[b])] - cost[b])
        }
        guard best != .min else { throw .infeasible }
        let relabelled = best - epsilon
        guard relabelled > Int64.min / 4 else { throw .costsTooLarge }
        potential[v] = relabelled
        scratch.current[v] = first[v]
        relabels += 1
        if relabels >= n {
          relabels = 0
          globalUpdate(&scratch)
        }
      }
    }
  }

  /// Goldberg's global price update: lowers each node's potential by its distance, in
  /// units of ε, to the nearest node with a deficit, found by Dial's buckets over residual
  /// arcs taken backwards. Keeps the flow ε-optimal and makes a shortest admissible path
  /// lead from every node with excess to a deficit.
  func globalUpdate(_ scratch: inout PhaseScratch) {
    let n = nodeCount
    let unreached = Int32(n + 1)
    var totalExcess: Int64 = 0
    for v in 0..<n {
      scratch.rank[v] = unreached
      if excess[v] > 0 { totalExcess += excess[v] }
    }
    guard totalExcess > 0 else { return }
    for r in scratch.bucketHead.indices { scratch.bucketHead[r] = -1 }
    func insert(_ v: Int, _ r: Int) {
      let next = scratch.bucketHead[r]
      scratch.bucketNext[v] = next
      scratch.bucketPrevious[v] = -1
      if next >= 0 { scratch.bucketPrevious[Int(next)] = Int32(v) }
      scratch.bucketHead[r] = Int32(v)
    }
    func remove(_ v: Int, _ r: Int) {
      let previous = scratch.bucketPrevious[v]
      let next = scratch.bucketNext[v]
      if previous >= 0 { scratch.bucketNext[Int(previous)] = next } else { scratch.bucketHead[r] = next }
      if next >= 0 { scratch.bucketPrevious[Int(next)] = previous }
    }
    for v in 0..<n where excess[v] < 0 {
      scratch.rank[v] = 0
      insert(v, 0)
    }
    var r = 0
    search: while r <= n {
      while scratch.bucketHead[r] >= 0 {
        let u = Int(scratch.bucketHead[r])
        remove(u, r)
        if excess[u] > 0 {
          totalExcess -= excess[u]
          if totalExcess <= 0 { break search }
        }
        let pu = potential[u]
        for a in Int(first[u])..<Int(first[u + 1]) {
          guard reverse[a] > 0 else { continue }
          let v = Int(head[a])
          let reducedCost = potential[v] - cost[a] - pu
          let steps = reducedCost < 0 ? 0 : reducedCost / epsilon + 1
          guard steps < Int64(n + 1) else { continue }
          let candidate = r + Int(steps)
          if candidate < Int(scratch.rank[v]) && candidate <= n {
            if scratch.rank[v] != unreached { remove(v, Int(scratch.rank[v])) }
            scratch.rank[v] = Int32(candidate)
            insert(v, candidate)
          }
        }
      }
      r += 1
    }
    for v in 0..<n {
      let steps = min(Int(scratch.rank[v]), r)
      if steps > 0 {
        potential[v] -= Int64(steps) * epsilon
        scratch.current[v] = first[v]
      }
    }
  }
}
