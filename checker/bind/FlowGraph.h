// FlowGraph: the control flow of a module's code, pyright-style — nodes point backwards to
// the nodes that run before them (their antecedents). Every reference (a name, a member chain
// `a.b.c` or a literal subscript `a[0]`) records the node at which it is evaluated; walking
// back from there finds the assignments that reach it and the conditions that narrow it.
//
//     x = f()              Assignment(x)  <- Call(f())  <- Start
//     if x is None:        Condition(x is None, true)  /  Condition(x is None, false)
//         x = 0            Assignment(x)
//     print(x)             BranchLabel(Assignment(x), Condition(false)) is print(x)'s node
//
// Function and lambda bodies start at their own Start node; class and comprehension bodies
// run inline in the code around them. Code that cannot run (after `return`, in a branch that
// the configured Python version or platform rules out) is at the Unreachable node.
//
// The evaluator walks this graph for narrowing; bind/UseDef walks it for the declarations
// that reach a name and whether it may be unbound.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checker/bind/Ids.h"
#include "parser/Ast.h"

namespace shrike::checker::bind {

enum class FlowKind : uint8_t {
  Start,              // entry of a module, function or lambda body; `a` is the scope
  Unreachable,        // the one node for code that cannot run (always node 0)
  BranchLabel,        // a join of several paths (after if/else, boolean operators, try...)
  LoopLabel,          // the head of a loop: its entry first, then its back edges
  Assignment,         // binds reference key `a` (FlowUnbind: deletes it); `b` is the declaration
                      // for names (FlowUnbind: the symbol; noId for member chains); node:
                      // the target expression
  WildcardImport,     // `from m import *` binds every name m exports; `a` is the import
  Condition,          // the path on which expression `node` is true (FlowNegative: false)
  Call,               // a call (node: Call); it does not return when its callee is NoReturn
  MatchCase,          // the path on which the subject matched case `node` (FlowNegative: did not)
  PreFinallyGate,     // the exceptional paths into a `finally` block
  PostFinally,        // after a `finally` block on the normal path: `a` is the gate to close
  ContextManagerExit, // a `with` block left by an exception the context manager swallowed;
                      // reachable only if it may swallow (node: the With statement)
};

std::string_view flowKindName(FlowKind kind);

enum FlowFlags : uint8_t {
  FlowNegative = 1 << 0,       // Condition / MatchCase: the false / no-match path
  FlowUnbind = 1 << 1,         // Assignment: `del x`, or the end of an `except E as x` handler
  FlowAugmented = 1 << 2,      // Assignment: `x += 1`
  FlowAsync = 1 << 3,          // ContextManagerExit: `async with`
  FlowLoopExit = 1 << 4,       // BranchLabel: after a loop
  FlowAnnotationOnly = 1 << 5, // Assignment: `x: int` (declares, does not bind)
};

struct FlowNode {
  FlowKind kind = FlowKind::Unreachable;
  uint8_t flags = 0;
  FlowId antecedent = noId; // the single antecedent (labels keep theirs in edges)
  uint32_t a = noId;        // see FlowKind
  uint32_t b = noId;        // see FlowKind; a label keeps its last edge here
  const parser::Node* node = nullptr;

  bool has(FlowFlags flag) const { return (flags & flag) != 0; }
  bool isLabel() const { return kind == FlowKind::BranchLabel || kind == FlowKind::LoopLabel; }
};

class FlowGraph {
public:
  static constexpr FlowId unreachable = 0;

  FlowGraph();

  const FlowNode& node(FlowId id) const { return nodes_[id]; }
  size_t size() const { return nodes_.size(); }

  // Calls visit(antecedent) for each node that runs right before `id`.
  template <class F> void forEachAntecedent(FlowId id, F&& visit) const {
    const FlowNode& n = nodes_[id];
    if (n.isLabel()) {
      for (uint32_t e = n.antecedent; e != noId; e = edges_[e].next) visit(edges_[e].from);
    } else if (n.antecedent != noId) {
      visit(n.antecedent);
    }
  }

  // ---- building (the binder) ----
  FlowId add(FlowKind kind, FlowId antecedent, const parser::Node* node = nullptr,
             uint32_t a = noId, uint32_t b = noId, uint8_t flags = 0);
  FlowId addLabel(FlowKind kind);
  // Adds `from` as an antecedent of `label` unless it is unreachable or already there.
  void addAntecedent(FlowId label, FlowId from);
  bool hasAntecedents(FlowId label) const { return nodes_[label].antecedent != noId; }
  // Sets the `a` field (a PostFinally's gate once known).
  void setA(FlowId id, uint32_t a) { nodes_[id].a = a; }
  void shrinkToFit();

  size_t bytes() const;
  std::string dump() const; // one node per line, for tests and debugging

private:
  struct Edge {
    FlowId from;
    uint32_t next;
  };
  std::vector<FlowNode> nodes_;
  std::vector<Edge> edges_;
};

} // namespace shrike::checker::bind
