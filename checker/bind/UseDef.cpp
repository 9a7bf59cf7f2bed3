// UseDef: backward walks of the flow graph for reaching bindings and reachability.
#include "checker/bind/UseDef.h"

#include <algorithm>

namespace shrike::checker::bind {

using namespace parser;

namespace {

std::string_view calleeName(const Expr* func, std::string_view& base) {
  base = {};
  if (auto* n = func->as<NameExpr>()) return n->id.text();
  if (auto* a = func->as<Attribute>()) {
    if (auto* b = a->value->as<NameExpr>()) base = b->id.text();
    return a->attr.name.text();
  }
  return {};
}

} // namespace

bool FlowOracle::callNeverReturns(const Call* call) const {
  // Without types: the standard library's well-known NoReturn functions.
  std::string_view base;
  std::string_view name = calleeName(call->func, base);
  if (base == "sys" && name == "exit") return true;
  if (base == "os" && (name == "_exit" || name == "abort")) return true;
  if (base.empty() && (name == "exit" || name == "quit" || name == "assert_never")) return true;
  if ((base == "typing" || base == "typing_extensions") && name == "assert_never") return true;
  return false;
}

bool FlowOracle::contextManagerMaySwallow(const With* with) const {
  // Without types: contextlib.suppress is the one that does so by design.
  for (const WithItem* item : with->items) {
    auto* call = item->contextExpr ? item->contextExpr->as<Call>() : nullptr;
    if (!call) continue;
    std::string_view base;
    if (calleeName(call->func, base) == "suppress") return true;
  }
  return false;
}

UseDef::UseDef(const SemanticIndex& index, const FlowOracle* oracle)
    : index_(index), oracle_(oracle ? oracle : &defaultOracle_) {}

void UseDef::nextStamp() {
  if (visited_.size() < index_.flow().size()) {
    visited_.resize(index_.flow().size(), 0);
    resultStarts_.resize(index_.flow().size(), false);
    callReturns_.resize(index_.flow().size(), 0);
  }
  if (declSeen_.size() < index_.declarations().size())
    declSeen_.resize(index_.declarations().size(), 0);
  if (++stamp_ == 0) {
    std::fill(visited_.begin(), visited_.end(), 0);
    std::fill(declSeen_.begin(), declSeen_.end(), 0);
    stamp_ = 1;
  }
}

void UseDef::addDeclaration(Reaching& result, DeclId decl) {
  if (decl < declSeen_.size()) {
    if (declSeen_[decl] == stamp_) return;
    declSeen_[decl] = stamp_;
  }
  result.declarations.push_back(decl);
}

bool UseDef::matches(const FlowNode& node, SymbolId symbol) const {
  return node.b != noId && index_.symbolAssignedBy(node) == symbol;
}

Reaching UseDef::reaching(FlowId from, SymbolId symbol, KeyId key, bool skipAugmented) {
  QueryKey query{from, symbol, key, skipAugmented};
  if (auto it = results_.find(query); it != results_.end()) return it->second;
  Reaching result;
  result.reachable = false;
  nextStamp();
  const FlowGraph& flow = index_.flow();
  stack_.clear();
  closedGates_.clear();
  stack_.push_back(from);
  while (!stack_.empty()) {
    FlowId id = stack_.back();
    stack_.pop_back();
    if (id == noId || visited_[id] == stamp_) continue;
    visited_[id] = stamp_;
    if (id != from && closedGates_.empty() && resultStarts_[id]) {
      // Where an earlier walk for this name began (with no finally gate closed, like here).
      auto earlier = results_.find(QueryKey{id, symbol, key, skipAugmented});
      if (earlier != results_.end()) {
        for (DeclId d : earlier->second.declarations) addDeclaration(result, d);
        result.mayBeUnbound |= earlier->second.mayBeUnbound;
        result.reachable |= earlier->second.reachable;
        continue;
      }
    }
    const FlowNode& n = flow.node(id);
    switch (n.kind) {
    case FlowKind::Start:
      result.reachable = true;
      result.mayBeUnbound = true;
      break;
    case FlowKind::Unreachable: break;
    case FlowKind::Assignment:
      if (n.a == key && matches(n, symbol)) {
        if (n.has(FlowUnbind)) {
          result.reachable = true;
          result.mayBeUnbound = true;
        } else if (n.has(FlowAnnotationOnly) || (skipAugmented && n.has(FlowAugmented))) {
          if (n.has(FlowAugmented)) addDeclaration(result, n.b);
          stack_.push_back(n.antecedent);
        } else {
          result.reachable = true;
          addDeclaration(result, n.b);
        }
      } else {
        stack_.push_back(n.antecedent);
      }
      break;
    case FlowKind::WildcardImport: {
      bool binds = false;
      if (symbol != noId)
        index_.forEachDeclaration(symbol, [&](DeclId d) {
          const Declaration& decl = index_.declaration(d);
          if (decl.has(DeclStarImport) && decl.import == n.a) {
            if (!binds) addDeclaration(result, d);
            binds = true;
          }
        });
      if (binds)
        result.reachable = true;
      else
        stack_.push_back(n.antecedent);
      break;
    }
    case FlowKind::Call: {
      uint8_t& returns = callReturns_[id];
      if (returns == 0)
        returns = oracle_->callNeverReturns(static_cast<const Call*>(n.node)) ? 2 : 1;
      if (returns == 1) stack_.push_back(n.antecedent);
      break;
    }
    case FlowKind::ContextManagerExit:
      if (oracle_->contextManagerMaySwallow(static_cast<const With*>(n.node)))
        stack_.push_back(n.antecedent);
      break;
    case FlowKind::PostFinally:
      closedGates_.push_back(n.a);
      stack_.push_back(n.antecedent);
      break;
    case FlowKind::PreFinallyGate:
      if (std::find(closedGates_.begin(), closedGates_.end(), id) == closedGates_.end())
        stack_.push_back(n.antecedent);
      break;
    case FlowKind::BranchLabel:
    case FlowKind::LoopLabel:
      flow.forEachAntecedent(id, [&](FlowId a) { stack_.push_back(a); });
      break;
    case FlowKind::Condition:
    case FlowKind::MatchCase:
      if (!oracle_->conditionImpossible(id)) stack_.push_back(n.antecedent);
      break;
    }
  }
  if (result.declarations.size() <= largestRemembered) {
    results_.emplace(query, result);
    if (from < resultStarts_.size()) resultStarts_[from] = true;
  }
  return result;
}

bool UseDef::isReachable(FlowId node) {
  if (reachableCache_.size() < index_.flow().size())
    reachableCache_.resize(index_.flow().size(), -1);
  if (node == FlowGraph::unreachable) return false;
  if (reachableCache_[node] >= 0) return reachableCache_[node] == 1;
  // The same walk as for a name no assignment matches: it succeeds at a Start node.
  Reaching r = reaching(node, noId, noId);
  reachableCache_[node] = r.reachable ? 1 : 0;
  return r.reachable;
}

} // namespace shrike::checker::bind
