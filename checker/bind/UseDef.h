// UseDef: which declarations reach a name where it is read, and whether it may be unbound
// there — a backward walk of the flow graph from the read to the nearest bindings.
//
//     if c:
//         x = 1
//     print(x)        # reaching: [x = 1]; may be unbound (the path where c is false)
//     del x
//     print(x)        # reaching: none; unbound
//
// Calls that never return and context managers that swallow exceptions need types to tell;
// a FlowOracle answers for them (the evaluator's; by default, a syntactic guess).
#pragma once

#include <unordered_map>
#include <vector>

#include "checker/bind/SemanticIndex.h"

namespace shrike::checker::bind {

class FlowOracle {
public:
  virtual ~FlowOracle() = default;
  // True when the call cannot return (its callee is NoReturn / Never).
  virtual bool callNeverReturns(const parser::Call* call) const;
  // True when a context manager of this `with` may swallow an exception.
  virtual bool contextManagerMaySwallow(const parser::With* with) const;
  // True when the path through a Condition or MatchCase node cannot be taken: the
  // condition narrows what it tests to Never there (the `else` of an exhaustive isinstance
  // chain, the no-match path of an exhaustive match). Without types: never.
  virtual bool conditionImpossible(FlowId condition) const { return false; }
};

struct Reaching {
  std::vector<DeclId> declarations; // in the order the walk found them
  bool mayBeUnbound = false;        // some path reaches the scope's start, or a `del`
  bool reachable = true;            // false when no path leads here at all
};

class UseDef {
public:
  explicit UseDef(const SemanticIndex& index, const FlowOracle* oracle = nullptr);

  // The bindings of `symbol` (a name whose key is `key`) that reach flow node `from`.
  // With `skipAugmented`, `x += 1` is looked through to the bindings before it.
  Reaching reaching(FlowId from, SymbolId symbol, KeyId key, bool skipAugmented = false);
  // True when some path from a Start node leads to `node`.
  bool isReachable(FlowId node);

private:
  // A walk that reaches the start of an earlier walk for the same name takes its result
  // instead of walking on: without that, each test of `if x == 1: ... elif x == 2: ...` walks
  // back through all the tests before it, and a long chain takes quadratic time.
  struct QueryKey {
    FlowId from;
    SymbolId symbol;
    KeyId key;
    bool skipAugmented;
    bool operator==(const QueryKey&) const = default;
  };
  struct QueryKeyHash {
    size_t operator()(const QueryKey& k) const {
      uint64_t h = (uint64_t(k.from) << 32 | k.symbol) * 0x9E3779B97F4A7C15ULL;
      return static_cast<size_t>(h ^ (uint64_t(k.key) << 1 | k.skipAugmented));
    }
  };
  static constexpr size_t largestRemembered = 64; // declarations in a remembered result

  bool matches(const FlowNode& node, SymbolId symbol) const;
  void nextStamp();
  void addDeclaration(Reaching& result, DeclId decl);

  const SemanticIndex& index_;
  const FlowOracle* oracle_;
  FlowOracle defaultOracle_;
  std::vector<uint32_t> visited_;
  uint32_t stamp_ = 0;
  std::vector<FlowId> stack_;
  std::vector<FlowId> closedGates_;
  std::vector<int8_t> reachableCache_; // -1 unknown, 0 no, 1 yes
  // By flow id of a Call node, the oracle's answer (0 unknown, 1 returns, 2 never does): a
  // walk for each name read passes the same calls again, and asking the evaluator's oracle
  // is a locked lookup each time.
  std::vector<uint8_t> callReturns_;
  std::unordered_map<QueryKey, Reaching, QueryKeyHash> results_;
  // By flow id: some remembered result starts there (most nodes a walk passes are not the
  // start of any, and are then passed without a lookup in results_).
  std::vector<bool> resultStarts_;
  std::vector<uint32_t> declSeen_; // stamp per declaration: found by the current walk
};

} // namespace shrike::checker::bind
