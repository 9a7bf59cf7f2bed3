// AstClone: the per-kind copy of a subtree; each node is copied whole, then its links fixed.
#include "parser/AstClone.h"

namespace shrike::parser {

namespace {

// Copies each node as a whole struct first, so that every plain field (operators, flags,
// names, numbers) comes along without being listed here; only what points into the old arena
// or the old text (children, lists, strings) and the ranges are then replaced.
class Cloner {
public:
  Cloner(Arena& arena, int64_t delta) : arena_(arena), delta_(delta) {}

  Node* clone(const Node* node, Node* parent);

private:
  TextRange shift(TextRange range) const {
    if (range.start == 0 && range.end == 0) return range; // absent
    return TextRange{static_cast<uint32_t>(static_cast<int64_t>(range.start) + delta_),
                     static_cast<uint32_t>(static_cast<int64_t>(range.end) + delta_)};
  }

  Identifier shift(Identifier id) const {
    id.range = shift(id.range);
    return id;
  }

  template <class T> T* copyOf(const Node* node, Node* parent) {
    T* copy = arena_.make<T>(*static_cast<const T*>(node));
    copy->range = shift(node->range);
    copy->parent = parent;
    return copy;
  }

  template <class T> T* child(T* node, Node* parent) {
    return node ? static_cast<T*>(clone(node, parent)) : nullptr;
  }

  // A list of children (entries may be null, as a Dict's keys for `**m`).
  template <class T> List<T*> children(List<T*> items, Node* parent) {
    if (items.empty()) return {};
    auto* data = static_cast<T**>(arena_.allocate(sizeof(T*) * items.size(), alignof(T*)));
    for (size_t i = 0; i < items.size(); ++i) data[i] = child(items[i], parent);
    return {data, items.size()};
  }

  List<Identifier> identifiers(List<Identifier> items) {
    if (items.empty()) return {};
    auto* data = static_cast<Identifier*>(
        arena_.allocate(sizeof(Identifier) * items.size(), alignof(Identifier)));
    for (size_t i = 0; i < items.size(); ++i) data[i] = shift(items[i]);
    return {data, items.size()};
  }

  template <class T> List<T> values(List<T> items) {
    return arena_.copy(std::span<const T>(items.data(), items.size()));
  }

  Arena& arena_;
  int64_t delta_;
};

Node* Cloner::clone(const Node* node, Node* parent) {
  switch (node->kind) {
  case NodeKind::Module: {
    auto* n = copyOf<Module>(node, parent);
    n->body = children(n->body, n);
    return n;
  }
  case NodeKind::FunctionDef: {
    auto* n = copyOf<FunctionDef>(node, parent);
    n->name = shift(n->name);
    n->decorators = children(n->decorators, n);
    n->typeParams = children(n->typeParams, n);
    n->parameters = child(n->parameters, n);
    n->returns = child(n->returns, n);
    n->body = children(n->body, n);
    return n;
  }
  case NodeKind::ClassDef: {
    auto* n = copyOf<ClassDef>(node, parent);
    n->name = shift(n->name);
    n->decorators = children(n->decorators, n);
    n->typeParams = children(n->typeParams, n);
    n->bases = children(n->bases, n);
    n->keywords = children(n->keywords, n);
    n->body = children(n->body, n);
    return n;
  }
  case NodeKind::Return: {
    auto* n = copyOf<Return>(node, parent);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::Delete: {
    auto* n = copyOf<Delete>(node, parent);
    n->targets = children(n->targets, n);
    return n;
  }
  case NodeKind::Assign: {
    auto* n = copyOf<Assign>(node, parent);
    n->targets = children(n->targets, n);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::AugAssign: {
    auto* n = copyOf<AugAssign>(node, parent);
    n->target = child(n->target, n);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::AnnAssign: {
    auto* n = copyOf<AnnAssign>(node, parent);
    n->target = child(n->target, n);
    n->annotation = child(n->annotation, n);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::TypeAlias: {
    auto* n = copyOf<TypeAlias>(node, parent);
    n->name = shift(n->name);
    n->typeParams = children(n->typeParams, n);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::For: {
    auto* n = copyOf<For>(node, parent);
    n->target = child(n->target, n);
    n->iter = child(n->iter, n);
    n->body = children(n->body, n);
    n->orelse = children(n->orelse, n);
    return n;
  }
  case NodeKind::While: {
    auto* n = copyOf<While>(node, parent);
    n->test = child(n->test, n);
    n->body = children(n->body, n);
    n->orelse = children(n->orelse, n);
    return n;
  }
  case NodeKind::If: {
    auto* n = copyOf<If>(node, parent);
    n->test = child(n->test, n);
    n->body = children(n->body, n);
    n->orelse = children(n->orelse, n);
    return n;
  }
  case NodeKind::With: {
    auto* n = copyOf<With>(node, parent);
    n->items = children(n->items, n);
    n->body = children(n->body, n);
    return n;
  }
  case NodeKind::Match: {
    auto* n = copyOf<Match>(node, parent);
    n->subject = child(n->subject, n);
    n->cases = children(n->cases, n);
    return n;
  }
  case NodeKind::Raise: {
    auto* n = copyOf<Raise>(node, parent);
    n->exc = child(n->exc, n);
    n->cause = child(n->cause, n);
    return n;
  }
  case NodeKind::Try: {
    auto* n = copyOf<Try>(node, parent);
    n->body = children(n->body, n);
    n->handlers = children(n->handlers, n);
    n->orelse = children(n->orelse, n);
    n->finalbody = children(n->finalbody, n);
    return n;
  }
  case NodeKind::Assert: {
    auto* n = copyOf<Assert>(node, parent);
    n->test = child(n->test, n);
    n->msg = child(n->msg, n);
    return n;
  }
  case NodeKind::Import: {
    auto* n = copyOf<Import>(node, parent);
    n->names = children(n->names, n);
    return n;
  }
  case NodeKind::ImportFrom: {
    auto* n = copyOf<ImportFrom>(node, parent);
    n->moduleParts = identifiers(n->moduleParts);
    n->names = children(n->names, n);
    n->starRange = shift(n->starRange);
    return n;
  }
  case NodeKind::Global: {
    auto* n = copyOf<Global>(node, parent);
    n->names = identifiers(n->names);
    return n;
  }
  case NodeKind::Nonlocal: {
    auto* n = copyOf<Nonlocal>(node, parent);
    n->names = identifiers(n->names);
    return n;
  }
  case NodeKind::ExprStmt: {
    auto* n = copyOf<ExprStmt>(node, parent);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::Pass: return copyOf<Pass>(node, parent);
  case NodeKind::Break: return copyOf<Break>(node, parent);
  case NodeKind::Continue: return copyOf<Continue>(node, parent);
  case NodeKind::ErrorStmt: {
    auto* n = copyOf<ErrorStmt>(node, parent);
    n->children = children(n->children, n);
    return n;
  }
  case NodeKind::BoolOp: {
    auto* n = copyOf<BoolOp>(node, parent);
    n->values = children(n->values, n);
    return n;
  }
  case NodeKind::NamedExpr: {
    auto* n = copyOf<NamedExpr>(node, parent);
    n->target = child(n->target, n);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::BinOp: {
    auto* n = copyOf<BinOp>(node, parent);
    n->left = child(n->left, n);
    n->right = child(n->right, n);
    return n;
  }
  case NodeKind::UnaryOp: {
    auto* n = copyOf<UnaryOp>(node, parent);
    n->operand = child(n->operand, n);
    return n;
  }
  case NodeKind::Lambda: {
    auto* n = copyOf<Lambda>(node, parent);
    n->parameters = child(n->parameters, n);
    n->body = child(n->body, n);
    return n;
  }
  case NodeKind::IfExp: {
    auto* n = copyOf<IfExp>(node, parent);
    n->test = child(n->test, n);
    n->body = child(n->body, n);
    n->orelse = child(n->orelse, n);
    return n;
  }
  case NodeKind::Dict: {
    auto* n = copyOf<Dict>(node, parent);
    n->keys = children(n->keys, n);
    n->values = children(n->values, n);
    return n;
  }
  case NodeKind::Set: {
    auto* n = copyOf<Set>(node, parent);
    n->elts = children(n->elts, n);
    return n;
  }
  case NodeKind::ListComp: {
    auto* n = copyOf<ListComp>(node, parent);
    n->elt = child(n->elt, n);
    n->generators = children(n->generators, n);
    return n;
  }
  case NodeKind::SetComp: {
    auto* n = copyOf<SetComp>(node, parent);
    n->elt = child(n->elt, n);
    n->generators = children(n->generators, n);
    return n;
  }
  case NodeKind::DictComp: {
    auto* n = copyOf<DictComp>(node, parent);
    n->key = child(n->key, n);
    n->value = child(n->value, n);
    n->generators = children(n->generators, n);
    return n;
  }
  case NodeKind::GeneratorExp: {
    auto* n = copyOf<GeneratorExp>(node, parent);
    n->elt = child(n->elt, n);
    n->generators = children(n->generators, n);
    return n;
  }
  case NodeKind::Await: {
    auto* n = copyOf<Await>(node, parent);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::Yield: {
    auto* n = copyOf<Yield>(node, parent);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::YieldFrom: {
    auto* n = copyOf<YieldFrom>(node, parent);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::Compare: {
    auto* n = copyOf<Compare>(node, parent);
    n->left = child(n->left, n);
    n->ops = values(n->ops);
    n->comparators = children(n->comparators, n);
    return n;
  }
  case NodeKind::Call: {
    auto* n = copyOf<Call>(node, parent);
    n->func = child(n->func, n);
    n->args = children(n->args, n);
    n->keywords = children(n->keywords, n);
    n->argumentsRange = shift(n->argumentsRange);
    return n;
  }
  case NodeKind::FString: {
    auto* n = copyOf<FString>(node, parent);
    n->values = children(n->values, n);
    return n;
  }
  case NodeKind::FormattedValue: {
    auto* n = copyOf<FormattedValue>(node, parent);
    n->value = child(n->value, n);
    n->formatSpec = child(n->formatSpec, n);
    return n;
  }
  case NodeKind::StringLiteral: {
    auto* n = copyOf<StringLiteral>(node, parent);
    n->value = arena_.copyString(n->value);
    n->contentRange = shift(n->contentRange);
    return n;
  }
  case NodeKind::BytesLiteral: {
    auto* n = copyOf<BytesLiteral>(node, parent);
    n->value = arena_.copyString(n->value);
    return n;
  }
  case NodeKind::IntLiteral: {
    auto* n = copyOf<IntLiteral>(node, parent);
    n->text = arena_.copyString(n->text);
    return n;
  }
  case NodeKind::FloatLiteral: return copyOf<FloatLiteral>(node, parent);
  case NodeKind::ImaginaryLiteral: return copyOf<ImaginaryLiteral>(node, parent);
  case NodeKind::BoolLiteral: return copyOf<BoolLiteral>(node, parent);
  case NodeKind::NoneLiteral: return copyOf<NoneLiteral>(node, parent);
  case NodeKind::EllipsisLiteral: return copyOf<EllipsisLiteral>(node, parent);
  case NodeKind::Attribute: {
    auto* n = copyOf<Attribute>(node, parent);
    n->value = child(n->value, n);
    n->attr = shift(n->attr);
    return n;
  }
  case NodeKind::Subscript: {
    auto* n = copyOf<Subscript>(node, parent);
    n->value = child(n->value, n);
    n->slice = child(n->slice, n);
    return n;
  }
  case NodeKind::Starred: {
    auto* n = copyOf<Starred>(node, parent);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::NameExpr: return copyOf<NameExpr>(node, parent);
  case NodeKind::List: {
    auto* n = copyOf<ListExpr>(node, parent);
    n->elts = children(n->elts, n);
    return n;
  }
  case NodeKind::Tuple: {
    auto* n = copyOf<Tuple>(node, parent);
    n->elts = children(n->elts, n);
    return n;
  }
  case NodeKind::Slice: {
    auto* n = copyOf<Slice>(node, parent);
    n->lower = child(n->lower, n);
    n->upper = child(n->upper, n);
    n->step = child(n->step, n);
    return n;
  }
  case NodeKind::ErrorExpr: {
    auto* n = copyOf<ErrorExpr>(node, parent);
    n->children = children(n->children, n);
    return n;
  }
  case NodeKind::MatchValue: {
    auto* n = copyOf<MatchValue>(node, parent);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::MatchSingleton: {
    auto* n = copyOf<MatchSingleton>(node, parent);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::MatchSequence: {
    auto* n = copyOf<MatchSequence>(node, parent);
    n->patterns = children(n->patterns, n);
    return n;
  }
  case NodeKind::MatchMapping: {
    auto* n = copyOf<MatchMapping>(node, parent);
    n->keys = children(n->keys, n);
    n->patterns = children(n->patterns, n);
    n->rest = shift(n->rest);
    return n;
  }
  case NodeKind::MatchClass: {
    auto* n = copyOf<MatchClass>(node, parent);
    n->cls = child(n->cls, n);
    n->patterns = children(n->patterns, n);
    n->kwdAttrs = identifiers(n->kwdAttrs);
    n->kwdPatterns = children(n->kwdPatterns, n);
    return n;
  }
  case NodeKind::MatchStar: {
    auto* n = copyOf<MatchStar>(node, parent);
    n->name = shift(n->name);
    return n;
  }
  case NodeKind::MatchAs: {
    auto* n = copyOf<MatchAs>(node, parent);
    n->pattern = child(n->pattern, n);
    n->name = shift(n->name);
    return n;
  }
  case NodeKind::MatchOr: {
    auto* n = copyOf<MatchOr>(node, parent);
    n->patterns = children(n->patterns, n);
    return n;
  }
  case NodeKind::Parameters: {
    auto* n = copyOf<Parameters>(node, parent);
    n->parameters = children(n->parameters, n);
    return n;
  }
  case NodeKind::Parameter: {
    auto* n = copyOf<Parameter>(node, parent);
    n->name = shift(n->name);
    n->annotation = child(n->annotation, n);
    n->defaultValue = child(n->defaultValue, n);
    return n;
  }
  case NodeKind::Keyword: {
    auto* n = copyOf<Keyword>(node, parent);
    n->name = shift(n->name);
    n->value = child(n->value, n);
    return n;
  }
  case NodeKind::Alias: {
    auto* n = copyOf<Alias>(node, parent);
    n->parts = identifiers(n->parts);
    n->asName = shift(n->asName);
    return n;
  }
  case NodeKind::WithItem: {
    auto* n = copyOf<WithItem>(node, parent);
    n->contextExpr = child(n->contextExpr, n);
    n->optionalVars = child(n->optionalVars, n);
    return n;
  }
  case NodeKind::ExceptHandler: {
    auto* n = copyOf<ExceptHandler>(node, parent);
    n->type = child(n->type, n);
    n->name = shift(n->name);
    n->body = children(n->body, n);
    return n;
  }
  case NodeKind::Comprehension: {
    auto* n = copyOf<Comprehension>(node, parent);
    n->target = child(n->target, n);
    n->iter = child(n->iter, n);
    n->ifs = children(n->ifs, n);
    return n;
  }
  case NodeKind::MatchCase: {
    auto* n = copyOf<MatchCase>(node, parent);
    n->pattern = child(n->pattern, n);
    n->guard = child(n->guard, n);
    n->body = children(n->body, n);
    return n;
  }
  case NodeKind::TypeParam: {
    auto* n = copyOf<TypeParam>(node, parent);
    n->name = shift(n->name);
    n->bound = child(n->bound, n);
    n->defaultValue = child(n->defaultValue, n);
    return n;
  }
  }
  return nullptr; // unreachable: every kind is handled above
}

} // namespace

Node* cloneShifted(const Node* node, Arena& arena, int64_t delta, Node* parent) {
  return Cloner(arena, delta).clone(node, parent);
}

} // namespace shrike::parser
