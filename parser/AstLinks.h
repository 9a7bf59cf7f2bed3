// AstLinks: one walk over what each node kind holds that is not plain data (children, lists,
// strings, names), for code that rewrites those fields in place (AstSnapshot).
#pragma once

#include "parser/Ast.h"

namespace shrike::parser {

// Calls, for node `n` of any kind, first `v.enter<T>(n)` with its struct type T (a false
// answer stops the walk of this node), then one of these for each field that is a link:
//
//     v.child(Expr*& field)                 an optional child node
//     v.children(List<Expr*>& field)        a list of child nodes (entries may be null)
//     v.identifier(Identifier& field)       a name with its own range
//     v.identifiers(List<Identifier>& field)
//     v.name(Name& field)                   an interned name
//     v.values(List<CompareOperator>& field) plain values in the arena
//     v.string(std::string_view& field)     text in the arena (or the source)
//
// The walk does not descend: `child` and `children` decide whether to.
template <class V> void visitLinks(Node* n, V& v) {
  switch (n->kind) {
  case NodeKind::Module: {
    auto* x = static_cast<Module*>(n);
    if (!v.template enter<Module>(n)) return;
    v.children(x->body);
    return;
  }
  case NodeKind::FunctionDef: {
    auto* x = static_cast<FunctionDef*>(n);
    if (!v.template enter<FunctionDef>(n)) return;
    v.identifier(x->name);
    v.children(x->decorators);
    v.children(x->typeParams);
    v.child(x->parameters);
    v.child(x->returns);
    v.children(x->body);
    return;
  }
  case NodeKind::ClassDef: {
    auto* x = static_cast<ClassDef*>(n);
    if (!v.template enter<ClassDef>(n)) return;
    v.identifier(x->name);
    v.children(x->decorators);
    v.children(x->typeParams);
    v.children(x->bases);
    v.children(x->keywords);
    v.children(x->body);
    return;
  }
  case NodeKind::Return: {
    auto* x = static_cast<Return*>(n);
    if (!v.template enter<Return>(n)) return;
    v.child(x->value);
    return;
  }
  case NodeKind::Delete: {
    auto* x = static_cast<Delete*>(n);
    if (!v.template enter<Delete>(n)) return;
    v.children(x->targets);
    return;
  }
  case NodeKind::Assign: {
    auto* x = static_cast<Assign*>(n);
    if (!v.template enter<Assign>(n)) return;
    v.children(x->targets);
    v.child(x->value);
    return;
  }
  case NodeKind::AugAssign: {
    auto* x = static_cast<AugAssign*>(n);
    if (!v.template enter<AugAssign>(n)) return;
    v.child(x->target);
    v.child(x->value);
    return;
  }
  case NodeKind::AnnAssign: {
    auto* x = static_cast<AnnAssign*>(n);
    if (!v.template enter<AnnAssign>(n)) return;
    v.child(x->target);
    v.child(x->annotation);
    v.child(x->value);
    return;
  }
  case NodeKind::TypeAlias: {
    auto* x = static_cast<TypeAlias*>(n);
    if (!v.template enter<TypeAlias>(n)) return;
    v.identifier(x->name);
    v.children(x->typeParams);
    v.child(x->value);
    return;
  }
  case NodeKind::For: {
    auto* x = static_cast<For*>(n);
    if (!v.template enter<For>(n)) return;
    v.child(x->target);
    v.child(x->iter);
    v.children(x->body);
    v.children(x->orelse);
    return;
  }
  case NodeKind::While: {
    auto* x = static_cast<While*>(n);
    if (!v.template enter<While>(n)) return;
    v.child(x->test);
    v.children(x->body);
    v.children(x->orelse);
    return;
  }
  case NodeKind::If: {
    auto* x = static_cast<If*>(n);
    if (!v.template enter<If>(n)) return;
    v.child(x->test);
    v.children(x->body);
    v.children(x->orelse);
    return;
  }
  case NodeKind::With: {
    auto* x = static_cast<With*>(n);
    if (!v.template enter<With>(n)) return;
    v.children(x->items);
    v.children(x->body);
    return;
  }
  case NodeKind::Match: {
    auto* x = static_cast<Match*>(n);
    if (!v.template enter<Match>(n)) return;
    v.child(x->subject);
    v.children(x->cases);
    return;
  }
  case NodeKind::Raise: {
    auto* x = static_cast<Raise*>(n);
    if (!v.template enter<Raise>(n)) return;
    v.child(x->exc);
    v.child(x->cause);
    return;
  }
  case NodeKind::Try: {
    auto* x = static_cast<Try*>(n);
    if (!v.template enter<Try>(n)) return;
    v.children(x->body);
    v.children(x->handlers);
    v.children(x->orelse);
    v.children(x->finalbody);
    return;
  }
  case NodeKind::Assert: {
    auto* x = static_cast<Assert*>(n);
    if (!v.template enter<Assert>(n)) return;
    v.child(x->test);
    v.child(x->msg);
    return;
  }
  case NodeKind::Import: {
    auto* x = static_cast<Import*>(n);
    if (!v.template enter<Import>(n)) return;
    v.children(x->names);
    return;
  }
  case NodeKind::ImportFrom: {
    auto* x = static_cast<ImportFrom*>(n);
    if (!v.template enter<ImportFrom>(n)) return;
    v.name(x->module);
    v.identifiers(x->moduleParts);
    v.children(x->names);
    return;
  }
  case NodeKind::Global: {
    auto* x = static_cast<Global*>(n);
    if (!v.template enter<Global>(n)) return;
    v.identifiers(x->names);
    return;
  }
  case NodeKind::Nonlocal: {
    auto* x = static_cast<Nonlocal*>(n);
    if (!v.template enter<Nonlocal>(n)) return;
    v.identifiers(x->names);
    return;
  }
  case NodeKind::ExprStmt: {
    auto* x = static_cast<ExprStmt*>(n);
    if (!v.template enter<ExprStmt>(n)) return;
    v.child(x->value);
    return;
  }
  case NodeKind::Pass: v.template enter<Pass>(n); return;
  case NodeKind::Break: v.template enter<Break>(n); return;
  case NodeKind::Continue: v.template enter<Continue>(n); return;
  case NodeKind::ErrorStmt: {
    auto* x = static_cast<ErrorStmt*>(n);
    if (!v.template enter<ErrorStmt>(n)) return;
    v.children(x->children);
    return;
  }
  case NodeKind::BoolOp: {
    auto* x = static_cast<BoolOp*>(n);
    if (!v.template enter<BoolOp>(n)) return;
    v.children(x->values);
    return;
  }
  case NodeKind::NamedExpr: {
    auto* x = static_cast<NamedExpr*>(n);
    if (!v.template enter<NamedExpr>(n)) return;
    v.child(x->target);
    v.child(x->value);
    return;
  }
  case NodeKind::BinOp: {
    auto* x = static_cast<BinOp*>(n);
    if (!v.template enter<BinOp>(n)) return;
    v.child(x->left);
    v.child(x->right);
    return;
  }
  case NodeKind::UnaryOp: {
    auto* x = static_cast<UnaryOp*>(n);
    if (!v.template enter<UnaryOp>(n)) return;
    v.child(x->operand);
    return;
  }
  case NodeKind::Lambda: {
    auto* x = static_cast<Lambda*>(n);
    if (!v.template enter<Lambda>(n)) return;
    v.child(x->parameters);
    v.child(x->body);
    return;
  }
  case NodeKind::IfExp: {
    auto* x = static_cast<IfExp*>(n);
    if (!v.template enter<IfExp>(n)) return;
    v.child(x->test);
    v.child(x->body);
    v.child(x->orelse);
    return;
  }
  case NodeKind::Dict: {
    auto* x = static_cast<Dict*>(n);
    if (!v.template enter<Dict>(n)) return;
    v.children(x->keys);
    v.children(x->values);
    return;
  }
  case NodeKind::Set: {
    auto* x = static_cast<Set*>(n);
    if (!v.template enter<Set>(n)) return;
    v.children(x->elts);
    return;
  }
  case NodeKind::ListComp: {
    auto* x = static_cast<ListComp*>(n);
    if (!v.template enter<ListComp>(n)) return;
    v.child(x->elt);
    v.children(x->generators);
    return;
  }
  case NodeKind::SetComp: {
    auto* x = static_cast<SetComp*>(n);
    if (!v.template enter<SetComp>(n)) return;
    v.child(x->elt);
    v.children(x->generators);
    return;
  }
  case NodeKind::DictComp: {
    auto* x = static_cast<DictComp*>(n);
    if (!v.template enter<DictComp>(n)) return;
    v.child(x->key);
    v.child(x->value);
    v.children(x->generators);
    return;
  }
  case NodeKind::GeneratorExp: {
    auto* x = static_cast<GeneratorExp*>(n);
    if (!v.template enter<GeneratorExp>(n)) return;
    v.child(x->elt);
    v.children(x->generators);
    return;
  }
  case NodeKind::Await: {
    auto* x = static_cast<Await*>(n);
    if (!v.template enter<Await>(n)) return;
    v.child(x->value);
    return;
  }
  case NodeKind::Yield: {
    auto* x = static_cast<Yield*>(n);
    if (!v.template enter<Yield>(n)) return;
    v.child(x->value);
    return;
  }
  case NodeKind::YieldFrom: {
    auto* x = static_cast<YieldFrom*>(n);
    if (!v.template enter<YieldFrom>(n)) return;
    v.child(x->value);
    return;
  }
  case NodeKind::Compare: {
    auto* x = static_cast<Compare*>(n);
    if (!v.template enter<Compare>(n)) return;
    v.child(x->left);
    v.values(x->ops);
    v.children(x->comparators);
    return;
  }
  case NodeKind::Call: {
    auto* x = static_cast<Call*>(n);
    if (!v.template enter<Call>(n)) return;
    v.child(x->func);
    v.children(x->args);
    v.children(x->keywords);
    return;
  }
  case NodeKind::FString: {
    auto* x = static_cast<FString*>(n);
    if (!v.template enter<FString>(n)) return;
    v.children(x->values);
    return;
  }
  case NodeKind::FormattedValue: {
    auto* x = static_cast<FormattedValue*>(n);
    if (!v.template enter<FormattedValue>(n)) return;
    v.child(x->value);
    v.child(x->formatSpec);
    return;
  }
  case NodeKind::StringLiteral: {
    auto* x = static_cast<StringLiteral*>(n);
    if (!v.template enter<StringLiteral>(n)) return;
    v.string(x->value);
    return;
  }
  case NodeKind::BytesLiteral: {
    auto* x = static_cast<BytesLiteral*>(n);
    if (!v.template enter<BytesLiteral>(n)) return;
    v.string(x->value);
    return;
  }
  case NodeKind::IntLiteral: {
    auto* x = static_cast<IntLiteral*>(n);
    if (!v.template enter<IntLiteral>(n)) return;
    v.string(x->text);
    return;
  }
  case NodeKind::FloatLiteral: v.template enter<FloatLiteral>(n); return;
  case NodeKind::ImaginaryLiteral: v.template enter<ImaginaryLiteral>(n); return;
  case NodeKind::BoolLiteral: v.template enter<BoolLiteral>(n); return;
  case NodeKind::NoneLiteral: v.template enter<NoneLiteral>(n); return;
  case NodeKind::EllipsisLiteral: v.template enter<EllipsisLiteral>(n); return;
  case NodeKind::Attribute: {
    auto* x = static_cast<Attribute*>(n);
    if (!v.template enter<Attribute>(n)) return;
    v.child(x->value);
    v.identifier(x->attr);
    return;
  }
  case NodeKind::Subscript: {
    auto* x = static_cast<Subscript*>(n);
    if (!v.template enter<Subscript>(n)) return;
    v.child(x->value);
    v.child(x->slice);
    return;
  }
  case NodeKind::Starred: {
    auto* x = static_cast<Starred*>(n);
    if (!v.template enter<Starred>(n)) return;
    v.child(x->value);
    return;
  }
  case NodeKind::NameExpr: {
    auto* x = static_cast<NameExpr*>(n);
    if (!v.template enter<NameExpr>(n)) return;
    v.name(x->id);
    return;
  }
  case NodeKind::List: {
    auto* x = static_cast<ListExpr*>(n);
    if (!v.template enter<ListExpr>(n)) return;
    v.children(x->elts);
    return;
  }
  case NodeKind::Tuple: {
    auto* x = static_cast<Tuple*>(n);
    if (!v.template enter<Tuple>(n)) return;
    v.children(x->elts);
    return;
  }
  case NodeKind::Slice: {
    auto* x = static_cast<Slice*>(n);
    if (!v.template enter<Slice>(n)) return;
    v.child(x->lower);
    v.child(x->upper);
    v.child(x->step);
    return;
  }
  case NodeKind::ErrorExpr: {
    auto* x = static_cast<ErrorExpr*>(n);
    if (!v.template enter<ErrorExpr>(n)) return;
    v.children(x->children);
    return;
  }
  case NodeKind::MatchValue: {
    auto* x = static_cast<MatchValue*>(n);
    if (!v.template enter<MatchValue>(n)) return;
    v.child(x->value);
    return;
  }
  case NodeKind::MatchSingleton: {
    auto* x = static_cast<MatchSingleton*>(n);
    if (!v.template enter<MatchSingleton>(n)) return;
    v.child(x->value);
    return;
  }
  case NodeKind::MatchSequence: {
    auto* x = static_cast<MatchSequence*>(n);
    if (!v.template enter<MatchSequence>(n)) return;
    v.children(x->patterns);
    return;
  }
  case NodeKind::MatchMapping: {
    auto* x = static_cast<MatchMapping*>(n);
    if (!v.template enter<MatchMapping>(n)) return;
    v.children(x->keys);
    v.children(x->patterns);
    v.identifier(x->rest);
    return;
  }
  case NodeKind::MatchClass: {
    auto* x = static_cast<MatchClass*>(n);
    if (!v.template enter<MatchClass>(n)) return;
    v.child(x->cls);
    v.children(x->patterns);
    v.identifiers(x->kwdAttrs);
    v.children(x->kwdPatterns);
    return;
  }
  case NodeKind::MatchStar: {
    auto* x = static_cast<MatchStar*>(n);
    if (!v.template enter<MatchStar>(n)) return;
    v.identifier(x->name);
    return;
  }
  case NodeKind::MatchAs: {
    auto* x = static_cast<MatchAs*>(n);
    if (!v.template enter<MatchAs>(n)) return;
    v.child(x->pattern);
    v.identifier(x->name);
    return;
  }
  case NodeKind::MatchOr: {
    auto* x = static_cast<MatchOr*>(n);
    if (!v.template enter<MatchOr>(n)) return;
    v.children(x->patterns);
    return;
  }
  case NodeKind::Parameters: {
    auto* x = static_cast<Parameters*>(n);
    if (!v.template enter<Parameters>(n)) return;
    v.children(x->parameters);
    return;
  }
  case NodeKind::Parameter: {
    auto* x = static_cast<Parameter*>(n);
    if (!v.template enter<Parameter>(n)) return;
    v.identifier(x->name);
    v.child(x->annotation);
    v.child(x->defaultValue);
    return;
  }
  case NodeKind::Keyword: {
    auto* x = static_cast<Keyword*>(n);
    if (!v.template enter<Keyword>(n)) return;
    v.identifier(x->name);
    v.child(x->value);
    return;
  }
  case NodeKind::Alias: {
    auto* x = static_cast<Alias*>(n);
    if (!v.template enter<Alias>(n)) return;
    v.name(x->name);
    v.identifiers(x->parts);
    v.identifier(x->asName);
    return;
  }
  case NodeKind::WithItem: {
    auto* x = static_cast<WithItem*>(n);
    if (!v.template enter<WithItem>(n)) return;
    v.child(x->contextExpr);
    v.child(x->optionalVars);
    return;
  }
  case NodeKind::ExceptHandler: {
    auto* x = static_cast<ExceptHandler*>(n);
    if (!v.template enter<ExceptHandler>(n)) return;
    v.child(x->type);
    v.identifier(x->name);
    v.children(x->body);
    return;
  }
  case NodeKind::Comprehension: {
    auto* x = static_cast<Comprehension*>(n);
    if (!v.template enter<Comprehension>(n)) return;
    v.child(x->target);
    v.child(x->iter);
    v.children(x->ifs);
    return;
  }
  case NodeKind::MatchCase: {
    auto* x = static_cast<MatchCase*>(n);
    if (!v.template enter<MatchCase>(n)) return;
    v.child(x->pattern);
    v.child(x->guard);
    v.children(x->body);
    return;
  }
  case NodeKind::TypeParam: {
    auto* x = static_cast<TypeParam*>(n);
    if (!v.template enter<TypeParam>(n)) return;
    v.identifier(x->name);
    v.child(x->bound);
    v.child(x->defaultValue);
    return;
  }
  }
}

} // namespace shrike::parser
