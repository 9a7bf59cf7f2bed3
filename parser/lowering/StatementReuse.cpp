// StatementReuse: copying the statements an edit left alone from the previous Ast, and
// recording the ones the next lowering may copy (see ReusableStatements.h).
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include "parser/AstClone.h"
#include "parser/lowering/Lowering.h"

namespace shrike::parser {

namespace {

// The subtree a node stands for. TSNode::id is the address of the node's slot in its parent's
// list of children, which changes whenever tree-sitter rebuilds the parent (as an edit
// anywhere under it does); the slot holds the subtree itself, which an incremental parse
// hands over unchanged, the same object, wherever it now sits. A slot holds either a pointer
// to the subtree's data or, for a small leaf, the data inline with its lowest bit set; a
// statement is never such a leaf. (tree-sitter's layout: `Subtree` in lib/src/subtree.h.)
const void* subtreeOf(TSNode node) {
  uintptr_t slot = 0;
  std::memcpy(&slot, node.id, sizeof slot);
  if (slot & 1) return nullptr; // inline data: not a statement
  return reinterpret_cast<const void*>(slot);
}

} // namespace

void Lowering::reuseStatements(ReusableStatements* recording, const ReusableStatements* previous,
                               const std::vector<Comment>* previousComments) {
  recording_ = recording;
  previous_ = previous && previousComments ? previous : nullptr;
  previousComments_ = previousComments;
  previousEntries_.clear();
  if (!previous_) return;
  previousEntries_.reserve(previous_->entries.size());
  for (uint32_t i = 0; i < previous_->entries.size(); ++i)
    previousEntries_.emplace(previous_->entries[i].subtree, i);
}

void Lowering::lowerStatementInto(TSNode node, Sym sym, std::vector<Stmt*>& out) {
  // A block is only a list of statements, each recorded on its own; an ERROR's lowering
  // depends on what the recovery around it kept.
  if (!recording_ || sym == Sym::block || sym == Sym::ERROR || !comments_) {
    lowerStatementFresh(node, sym, out);
    return;
  }
  if (previous_ && copyPreviousStatement(node, out)) return;
  size_t outputsBefore = out.size(), errorsBefore = errors_.size();
  size_t recoveredBefore = recovered_.size(), commentsBefore = comments_->size();
  uint32_t heldBackBefore = heldBackErrors_, blockDepth = blockDepth_, depth = depth_;
  // After a "nested too deeply" error, the next one is not reported: the statement's nodes
  // would then depend on that earlier error.
  bool reportedBefore = reportedDepth_;
  lowerStatementFresh(node, sym, out);
  if (errors_.size() != errorsBefore || recovered_.size() != recoveredBefore ||
      heldBackErrors_ != heldBackBefore || reportedBefore || reportedDepth_)
    return;
  recordStatement(node, out.data() + outputsBefore, out.size() - outputsBefore, commentsBefore,
                  blockDepth, depth);
}

bool Lowering::copyPreviousStatement(TSNode node, std::vector<Stmt*>& out) {
  const void* subtree = subtreeOf(node);
  if (!subtree) return false;
  auto found = previousEntries_.find(subtree);
  if (found == previousEntries_.end()) return false;
  const ReusableStatements::Entry& entry = previous_->entries[found->second];
  uint32_t start = ts_node_start_byte(node);
  // The same subtree deeper down could meet the limits on nesting that it did not meet before.
  if (entry.blockDepth != blockDepth_ || entry.depth != depth_ || entry.sym != symOf(node))
    return false;
  int64_t delta = static_cast<int64_t>(start) - static_cast<int64_t>(entry.start);
  size_t outputsBefore = out.size(), commentsBefore = comments_->size();
  for (uint32_t i = 0; i < entry.outputCount; ++i) {
    // The parent is linked when the enclosing statement (or the module) adopts it.
    out.push_back(cloneShifted(previous_->outputs[entry.firstOutput + i], arena_, delta, nullptr));
  }
  for (uint32_t i = 0; i < entry.commentCount; ++i) {
    TextRange range = (*previousComments_)[entry.firstComment + i].range;
    comments_->push_back(Comment{TextRange{static_cast<uint32_t>(range.start + delta),
                                           static_cast<uint32_t>(range.end + delta)}});
  }
  currentStatement_ = static_cast<uint32_t>(entry.statementAfter + delta);
  ++recording_->copied;
  recordStatement(node, out.data() + outputsBefore, out.size() - outputsBefore, commentsBefore,
                  blockDepth_, depth_);
  return true;
}

void Lowering::recordStatement(TSNode node, const Stmt* const* outputs, size_t outputCount,
                               size_t firstComment, uint32_t blockDepth, uint32_t depth) {
  const void* subtree = subtreeOf(node);
  if (!subtree) return;
  ReusableStatements::Entry entry;
  entry.subtree = subtree;
  entry.sym = symOf(node);
  entry.start = ts_node_start_byte(node);
  entry.firstOutput = static_cast<uint32_t>(recording_->outputs.size());
  entry.outputCount = static_cast<uint32_t>(outputCount);
  entry.firstComment = static_cast<uint32_t>(firstComment);
  entry.commentCount = static_cast<uint32_t>(comments_->size() - firstComment);
  entry.statementAfter = currentStatement_;
  entry.blockDepth = blockDepth;
  entry.depth = depth;
  for (size_t i = 0; i < outputCount; ++i)
    recording_->outputs.push_back(const_cast<Stmt*>(outputs[i]));
  recording_->entries.push_back(entry);
}

} // namespace shrike::parser
