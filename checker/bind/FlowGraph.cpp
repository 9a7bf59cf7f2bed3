// FlowGraph: node storage, label edges and the debug dump.
#include "checker/bind/FlowGraph.h"

namespace shrike::checker::bind {

std::string_view flowKindName(FlowKind kind) {
  switch (kind) {
  case FlowKind::Start: return "Start";
  case FlowKind::Unreachable: return "Unreachable";
  case FlowKind::BranchLabel: return "BranchLabel";
  case FlowKind::LoopLabel: return "LoopLabel";
  case FlowKind::Assignment: return "Assignment";
  case FlowKind::WildcardImport: return "WildcardImport";
  case FlowKind::Condition: return "Condition";
  case FlowKind::Call: return "Call";
  case FlowKind::MatchCase: return "MatchCase";
  case FlowKind::PreFinallyGate: return "PreFinallyGate";
  case FlowKind::PostFinally: return "PostFinally";
  case FlowKind::ContextManagerExit: return "ContextManagerExit";
  }
  return "?";
}

FlowGraph::FlowGraph() {
  nodes_.push_back(FlowNode{});
}

FlowId FlowGraph::add(FlowKind kind, FlowId antecedent, const parser::Node* node, uint32_t a,
                      uint32_t b, uint8_t flags) {
  nodes_.push_back(FlowNode{kind, flags, antecedent, a, b, node});
  return static_cast<FlowId>(nodes_.size() - 1);
}

FlowId FlowGraph::addLabel(FlowKind kind) {
  FlowNode label;
  label.kind = kind;
  nodes_.push_back(label);
  return static_cast<FlowId>(nodes_.size() - 1);
}

void FlowGraph::addAntecedent(FlowId label, FlowId from) {
  if (from == unreachable || from == noId) return;
  FlowNode& n = nodes_[label];
  // A label keeps the index of its last edge in `b`; the same antecedent added twice in a
  // row (the common duplicate) is dropped.
  if (n.b != noId && edges_[n.b].from == from) return;
  edges_.push_back(Edge{from, noId});
  uint32_t index = static_cast<uint32_t>(edges_.size() - 1);
  if (n.b == noId)
    n.antecedent = index;
  else
    edges_[n.b].next = index;
  n.b = index;
}

void FlowGraph::shrinkToFit() {
  nodes_.shrink_to_fit();
  edges_.shrink_to_fit();
}

size_t FlowGraph::bytes() const {
  return nodes_.capacity() * sizeof(FlowNode) + edges_.capacity() * sizeof(Edge);
}

std::string FlowGraph::dump() const {
  std::string out;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const FlowNode& n = nodes_[i];
    out += std::to_string(i) + ": " + std::string(flowKindName(n.kind));
    if (n.has(FlowNegative)) out += " negative";
    if (n.has(FlowUnbind)) out += " unbind";
    if (n.node) out += " @" + std::to_string(n.node->range.start);
    out += " <-";
    forEachAntecedent(static_cast<FlowId>(i),
                      [&](FlowId from) { out += " " + std::to_string(from); });
    out += "\n";
  }
  return out;
}

} // namespace shrike::checker::bind
