// AstDump: node names, operator spellings, generic child walks and the text dump.
#include "parser/AstDump.h"

#include <cstdio>
#include <functional>

namespace shrike::parser {

std::string_view nodeKindName(NodeKind kind) {
  switch (kind) {
#define SHRIKE_AST_NAME(k)                                                                         \
  case NodeKind::k: return #k;
    SHRIKE_AST_NODE_KINDS(SHRIKE_AST_NAME)
#undef SHRIKE_AST_NAME
  }
  return "?";
}

std::string_view binaryOperatorText(BinaryOperator op) {
  switch (op) {
  case BinaryOperator::Add: return "+";
  case BinaryOperator::Sub: return "-";
  case BinaryOperator::Mult: return "*";
  case BinaryOperator::MatMult: return "@";
  case BinaryOperator::Div: return "/";
  case BinaryOperator::Mod: return "%";
  case BinaryOperator::Pow: return "**";
  case BinaryOperator::LShift: return "<<";
  case BinaryOperator::RShift: return ">>";
  case BinaryOperator::BitOr: return "|";
  case BinaryOperator::BitXor: return "^";
  case BinaryOperator::BitAnd: return "&";
  case BinaryOperator::FloorDiv: return "//";
  }
  return "?";
}

std::string_view unaryOperatorText(UnaryOperator op) {
  switch (op) {
  case UnaryOperator::Invert: return "~";
  case UnaryOperator::Not: return "not";
  case UnaryOperator::UAdd: return "+";
  case UnaryOperator::USub: return "-";
  }
  return "?";
}

std::string_view compareOperatorText(CompareOperator op) {
  switch (op) {
  case CompareOperator::Eq: return "==";
  case CompareOperator::NotEq: return "!=";
  case CompareOperator::Lt: return "<";
  case CompareOperator::LtE: return "<=";
  case CompareOperator::Gt: return ">";
  case CompareOperator::GtE: return ">=";
  case CompareOperator::Is: return "is";
  case CompareOperator::IsNot: return "is not";
  case CompareOperator::In: return "in";
  case CompareOperator::NotIn: return "not in";
  }
  return "?";
}

namespace {

// Calls visit(label, child) for each child in source order; label names the field.
// One table for the dump and for generic walks, so the two never disagree.
// A template: forEachChild's callers walk whole modules, and a std::function here would
// cost a second indirect call per child.
template <class Visit> void forEachLabelledChild(const Node* node, Visit&& visit) {
  auto one = [&](const char* label, Node* child) {
    if (child) visit(label, child);
  };
  auto many = [&](const char* label, auto list) {
    for (auto* child : list) visit(label, child);
  };
  switch (node->kind) {
  case NodeKind::Module: many("body", static_cast<const Module*>(node)->body); break;
  case NodeKind::FunctionDef: {
    auto* n = static_cast<const FunctionDef*>(node);
    many("decorators", n->decorators);
    many("typeParams", n->typeParams);
    one("parameters", n->parameters);
    one("returns", n->returns);
    many("body", n->body);
    break;
  }
  case NodeKind::ClassDef: {
    auto* n = static_cast<const ClassDef*>(node);
    many("decorators", n->decorators);
    many("typeParams", n->typeParams);
    many("bases", n->bases);
    many("keywords", n->keywords);
    many("body", n->body);
    break;
  }
  case NodeKind::Return: one("value", static_cast<const Return*>(node)->value); break;
  case NodeKind::Delete: many("targets", static_cast<const Delete*>(node)->targets); break;
  case NodeKind::Assign: {
    auto* n = static_cast<const Assign*>(node);
    many("targets", n->targets);
    one("value", n->value);
    break;
  }
  case NodeKind::AugAssign: {
    auto* n = static_cast<const AugAssign*>(node);
    one("target", n->target);
    one("value", n->value);
    break;
  }
  case NodeKind::AnnAssign: {
    auto* n = static_cast<const AnnAssign*>(node);
    one("target", n->target);
    one("annotation", n->annotation);
    one("value", n->value);
    break;
  }
  case NodeKind::TypeAlias: {
    auto* n = static_cast<const TypeAlias*>(node);
    many("typeParams", n->typeParams);
    one("value", n->value);
    break;
  }
  case NodeKind::For: {
    auto* n = static_cast<const For*>(node);
    one("target", n->target);
    one("iter", n->iter);
    many("body", n->body);
    many("orelse", n->orelse);
    break;
  }
  case NodeKind::While: {
    auto* n = static_cast<const While*>(node);
    one("test", n->test);
    many("body", n->body);
    many("orelse", n->orelse);
    break;
  }
  case NodeKind::If: {
    auto* n = static_cast<const If*>(node);
    one("test", n->test);
    many("body", n->body);
    many("orelse", n->orelse);
    break;
  }
  case NodeKind::With: {
    auto* n = static_cast<const With*>(node);
    many("items", n->items);
    many("body", n->body);
    break;
  }
  case NodeKind::Match: {
    auto* n = static_cast<const Match*>(node);
    one("subject", n->subject);
    many("cases", n->cases);
    break;
  }
  case NodeKind::Raise: {
    auto* n = static_cast<const Raise*>(node);
    one("exc", n->exc);
    one("cause", n->cause);
    break;
  }
  case NodeKind::Try: {
    auto* n = static_cast<const Try*>(node);
    many("body", n->body);
    many("handlers", n->handlers);
    many("orelse", n->orelse);
    many("finalbody", n->finalbody);
    break;
  }
  case NodeKind::Assert: {
    auto* n = static_cast<const Assert*>(node);
    one("test", n->test);
    one("msg", n->msg);
    break;
  }
  case NodeKind::Import: many("names", static_cast<const Import*>(node)->names); break;
  case NodeKind::ImportFrom: many("names", static_cast<const ImportFrom*>(node)->names); break;
  case NodeKind::ExprStmt: one("value", static_cast<const ExprStmt*>(node)->value); break;
  case NodeKind::ErrorStmt: many("children", static_cast<const ErrorStmt*>(node)->children); break;
  case NodeKind::BoolOp: many("values", static_cast<const BoolOp*>(node)->values); break;
  case NodeKind::NamedExpr: {
    auto* n = static_cast<const NamedExpr*>(node);
    one("target", n->target);
    one("value", n->value);
    break;
  }
  case NodeKind::BinOp: {
    auto* n = static_cast<const BinOp*>(node);
    one("left", n->left);
    one("right", n->right);
    break;
  }
  case NodeKind::UnaryOp: one("operand", static_cast<const UnaryOp*>(node)->operand); break;
  case NodeKind::Lambda: {
    auto* n = static_cast<const Lambda*>(node);
    one("parameters", n->parameters);
    one("body", n->body);
    break;
  }
  case NodeKind::IfExp: {
    auto* n = static_cast<const IfExp*>(node);
    one("body", n->body);
    one("test", n->test);
    one("orelse", n->orelse);
    break;
  }
  case NodeKind::Dict: {
    auto* n = static_cast<const Dict*>(node);
    for (size_t i = 0; i < n->values.size(); ++i) {
      if (n->keys[i]) visit("key", n->keys[i]);
      visit(n->keys[i] ? "value" : "unpack", n->values[i]);
    }
    break;
  }
  case NodeKind::Set: many("elts", static_cast<const Set*>(node)->elts); break;
  case NodeKind::ListComp: {
    auto* n = static_cast<const ListComp*>(node);
    one("elt", n->elt);
    many("generators", n->generators);
    break;
  }
  case NodeKind::SetComp: {
    auto* n = static_cast<const SetComp*>(node);
    one("elt", n->elt);
    many("generators", n->generators);
    break;
  }
  case NodeKind::GeneratorExp: {
    auto* n = static_cast<const GeneratorExp*>(node);
    one("elt", n->elt);
    many("generators", n->generators);
    break;
  }
  case NodeKind::DictComp: {
    auto* n = static_cast<const DictComp*>(node);
    one("key", n->key);
    one("value", n->value);
    many("generators", n->generators);
    break;
  }
  case NodeKind::Await: one("value", static_cast<const Await*>(node)->value); break;
  case NodeKind::Yield: one("value", static_cast<const Yield*>(node)->value); break;
  case NodeKind::YieldFrom: one("value", static_cast<const YieldFrom*>(node)->value); break;
  case NodeKind::Compare: {
    auto* n = static_cast<const Compare*>(node);
    one("left", n->left);
    many("comparators", n->comparators);
    break;
  }
  case NodeKind::Call: {
    auto* n = static_cast<const Call*>(node);
    one("func", n->func);
    many("args", n->args);
    many("keywords", n->keywords);
    break;
  }
  case NodeKind::FString: many("values", static_cast<const FString*>(node)->values); break;
  case NodeKind::FormattedValue: {
    auto* n = static_cast<const FormattedValue*>(node);
    one("value", n->value);
    one("formatSpec", n->formatSpec);
    break;
  }
  case NodeKind::Attribute: one("value", static_cast<const Attribute*>(node)->value); break;
  case NodeKind::Subscript: {
    auto* n = static_cast<const Subscript*>(node);
    one("value", n->value);
    one("slice", n->slice);
    break;
  }
  case NodeKind::Starred: one("value", static_cast<const Starred*>(node)->value); break;
  case NodeKind::List: many("elts", static_cast<const ListExpr*>(node)->elts); break;
  case NodeKind::Tuple: many("elts", static_cast<const Tuple*>(node)->elts); break;
  case NodeKind::Slice: {
    auto* n = static_cast<const Slice*>(node);
    one("lower", n->lower);
    one("upper", n->upper);
    one("step", n->step);
    break;
  }
  case NodeKind::ErrorExpr: many("children", static_cast<const ErrorExpr*>(node)->children); break;
  case NodeKind::MatchValue: one("value", static_cast<const MatchValue*>(node)->value); break;
  case NodeKind::MatchSingleton:
    one("value", static_cast<const MatchSingleton*>(node)->value);
    break;
  case NodeKind::MatchSequence:
    many("patterns", static_cast<const MatchSequence*>(node)->patterns);
    break;
  case NodeKind::MatchMapping: {
    auto* n = static_cast<const MatchMapping*>(node);
    for (size_t i = 0; i < n->patterns.size(); ++i) {
      visit("key", n->keys[i]);
      visit("pattern", n->patterns[i]);
    }
    break;
  }
  case NodeKind::MatchClass: {
    auto* n = static_cast<const MatchClass*>(node);
    one("cls", n->cls);
    many("patterns", n->patterns);
    many("kwdPatterns", n->kwdPatterns);
    break;
  }
  case NodeKind::MatchAs: one("pattern", static_cast<const MatchAs*>(node)->pattern); break;
  case NodeKind::MatchOr: many("patterns", static_cast<const MatchOr*>(node)->patterns); break;
  case NodeKind::Parameters:
    many("parameters", static_cast<const Parameters*>(node)->parameters);
    break;
  case NodeKind::Parameter: {
    auto* n = static_cast<const Parameter*>(node);
    one("annotation", n->annotation);
    one("default", n->defaultValue);
    break;
  }
  case NodeKind::Keyword: one("value", static_cast<const Keyword*>(node)->value); break;
  case NodeKind::WithItem: {
    auto* n = static_cast<const WithItem*>(node);
    one("contextExpr", n->contextExpr);
    one("optionalVars", n->optionalVars);
    break;
  }
  case NodeKind::ExceptHandler: {
    auto* n = static_cast<const ExceptHandler*>(node);
    one("type", n->type);
    many("body", n->body);
    break;
  }
  case NodeKind::Comprehension: {
    auto* n = static_cast<const Comprehension*>(node);
    one("target", n->target);
    one("iter", n->iter);
    many("ifs", n->ifs);
    break;
  }
  case NodeKind::MatchCase: {
    auto* n = static_cast<const MatchCase*>(node);
    one("pattern", n->pattern);
    one("guard", n->guard);
    many("body", n->body);
    break;
  }
  case NodeKind::TypeParam: {
    auto* n = static_cast<const TypeParam*>(node);
    one("bound", n->bound);
    one("default", n->defaultValue);
    break;
  }
  default: break; // leaves
  }
}

std::string quoted(std::string_view text) {
  std::string out = "'";
  for (unsigned char c : text) {
    switch (c) {
    case '\\': out += "\\\\"; break;
    case '\'': out += "\\'"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (c < 0x20 || c == 0x7f) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
        out += buffer;
      } else {
        out.push_back(static_cast<char>(c));
      }
    }
  }
  return out + "'";
}

const char* contextName(ExprContext ctx) {
  switch (ctx) {
  case ExprContext::Load: return "";
  case ExprContext::Store: return " Store";
  case ExprContext::Del: return " Del";
  }
  return "";
}

const char* parameterKindName(ParameterKind kind) {
  switch (kind) {
  case ParameterKind::PositionalOnly: return "positional-only";
  case ParameterKind::PositionalOrKeyword: return "";
  case ParameterKind::VarPositional: return "*";
  case ParameterKind::KeywordOnly: return "keyword-only";
  case ParameterKind::VarKeyword: return "**";
  }
  return "";
}

std::string identifierText(const Identifier& id) {
  return id ? std::string(id.name.text()) : std::string("<none>");
}

// The node's own attributes (not its children), as they appear after its kind.
std::string describe(const Node* node, const DumpOptions& options) {
  std::string out(nodeKindName(node->kind));
  auto add = [&](std::string text) {
    if (!text.empty()) out += " " + text;
  };
  switch (node->kind) {
  case NodeKind::FunctionDef: {
    auto* n = static_cast<const FunctionDef*>(node);
    add(identifierText(n->name));
    if (n->isAsync) add("async");
    break;
  }
  case NodeKind::ClassDef: add(identifierText(static_cast<const ClassDef*>(node)->name)); break;
  case NodeKind::TypeAlias: add(identifierText(static_cast<const TypeAlias*>(node)->name)); break;
  case NodeKind::AugAssign:
    add(std::string(binaryOperatorText(static_cast<const AugAssign*>(node)->op)) + "=");
    break;
  case NodeKind::For:
    if (static_cast<const For*>(node)->isAsync) add("async");
    break;
  case NodeKind::With:
    if (static_cast<const With*>(node)->isAsync) add("async");
    break;
  case NodeKind::If:
    if (static_cast<const If*>(node)->isElif) add("elif");
    break;
  case NodeKind::Try:
    if (static_cast<const Try*>(node)->isStar) add("star");
    break;
  case NodeKind::ImportFrom: {
    auto* n = static_cast<const ImportFrom*>(node);
    add(std::string(n->level, '.') + std::string(n->module.text()));
    if (n->isStar) add("*");
    break;
  }
  case NodeKind::Alias: {
    auto* n = static_cast<const Alias*>(node);
    add(std::string(n->name.text()));
    if (n->asName) add("as " + identifierText(n->asName));
    break;
  }
  case NodeKind::Global:
  case NodeKind::Nonlocal: {
    auto names = node->kind == NodeKind::Global ? static_cast<const Global*>(node)->names
                                                : static_cast<const Nonlocal*>(node)->names;
    for (const Identifier& id : names) add(identifierText(id));
    break;
  }
  case NodeKind::BoolOp:
    add(static_cast<const BoolOp*>(node)->op == BoolOperator::And ? "and" : "or");
    break;
  case NodeKind::BinOp:
    add(std::string(binaryOperatorText(static_cast<const BinOp*>(node)->op)));
    break;
  case NodeKind::UnaryOp:
    add(std::string(unaryOperatorText(static_cast<const UnaryOp*>(node)->op)));
    break;
  case NodeKind::Compare: {
    for (CompareOperator op : static_cast<const Compare*>(node)->ops)
      add(std::string(compareOperatorText(op)));
    break;
  }
  case NodeKind::FormattedValue: {
    auto* n = static_cast<const FormattedValue*>(node);
    if (n->conversion) add(std::string("!") + n->conversion);
    if (n->isDebug && !options.cpythonCompatible) add("=");
    break;
  }
  case NodeKind::StringLiteral: add(quoted(static_cast<const StringLiteral*>(node)->value)); break;
  case NodeKind::BytesLiteral:
    add("b" + quoted(static_cast<const BytesLiteral*>(node)->value));
    break;
  case NodeKind::IntLiteral: {
    auto* n = static_cast<const IntLiteral*>(node);
    add(n->fitsInt64 ? std::to_string(n->value) : std::string(n->text));
    break;
  }
  case NodeKind::FloatLiteral:
  case NodeKind::ImaginaryLiteral: {
    double value = node->kind == NodeKind::FloatLiteral
                       ? static_cast<const FloatLiteral*>(node)->value
                       : static_cast<const ImaginaryLiteral*>(node)->value;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    add(buffer);
    break;
  }
  case NodeKind::BoolLiteral:
    add(static_cast<const BoolLiteral*>(node)->value ? "True" : "False");
    break;
  case NodeKind::Attribute: add(identifierText(static_cast<const Attribute*>(node)->attr)); break;
  case NodeKind::NameExpr: {
    auto* n = static_cast<const NameExpr*>(node);
    out += " " + std::string(n->id.text()) + contextName(n->ctx);
    break;
  }
  case NodeKind::List: out += contextName(static_cast<const ListExpr*>(node)->ctx); break;
  case NodeKind::Tuple: out += contextName(static_cast<const Tuple*>(node)->ctx); break;
  case NodeKind::MatchMapping: {
    auto* n = static_cast<const MatchMapping*>(node);
    if (n->rest) add("**" + identifierText(n->rest));
    break;
  }
  case NodeKind::MatchClass: {
    for (const Identifier& id : static_cast<const MatchClass*>(node)->kwdAttrs)
      add(identifierText(id) + "=");
    break;
  }
  case NodeKind::MatchStar: add(identifierText(static_cast<const MatchStar*>(node)->name)); break;
  case NodeKind::MatchAs: {
    auto* n = static_cast<const MatchAs*>(node);
    if (n->name) add(identifierText(n->name));
    break;
  }
  case NodeKind::Parameter: {
    auto* n = static_cast<const Parameter*>(node);
    add(identifierText(n->name));
    add(parameterKindName(n->parameterKind));
    break;
  }
  case NodeKind::Keyword: {
    auto* n = static_cast<const Keyword*>(node);
    add(n->name ? identifierText(n->name) : "**");
    break;
  }
  case NodeKind::ExceptHandler: {
    auto* n = static_cast<const ExceptHandler*>(node);
    if (n->name) add("as " + identifierText(n->name));
    break;
  }
  case NodeKind::Comprehension:
    if (static_cast<const Comprehension*>(node)->isAsync) add("async");
    break;
  case NodeKind::TypeParam: {
    auto* n = static_cast<const TypeParam*>(node);
    const char* prefix = n->typeParamKind == TypeParamKind::ParamSpec      ? "**"
                         : n->typeParamKind == TypeParamKind::TypeVarTuple ? "*"
                                                                           : "";
    add(prefix + identifierText(n->name));
    break;
  }
  default: break;
  }
  return out;
}

void dumpNode(const Node* node, int depth, const char* label, const DumpOptions& options,
              std::string& out) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
  if (label) out += std::string(label) + ": ";
  out += describe(node, options);
  if (options.ranges && options.positionsIn) {
    auto start = options.positionsIn->toLineColumn(node->range.start, ColumnUnit::Utf8);
    auto end = options.positionsIn->toLineColumn(node->range.end, ColumnUnit::Utf8);
    out += " @" + std::to_string(start.line + 1) + ":" + std::to_string(start.column) + "-" +
           std::to_string(end.line + 1) + ":" + std::to_string(end.column);
  } else if (options.ranges) {
    out += " @" + std::to_string(node->range.start) + ".." + std::to_string(node->range.end);
  }
  out += "\n";
  forEachLabelledChild(node, [&](const char* childLabel, Node* child) {
    dumpNode(child, depth + 1, childLabel, options, out);
  });
}

} // namespace

void forEachChild(const Node* node, const std::function<void(Node*)>& visit) {
  forEachLabelledChild(node, [&](const char*, Node* child) { visit(child); });
}

Node* findNodeAt(Module* module, uint32_t offset) {
  Node* found = module;
  bool descended = true;
  while (descended) {
    descended = false;
    Node* current = found;
    forEachChild(current, [&](Node* child) {
      if (descended) return;
      if (child->range.contains(offset) || (child->range.end == offset && child->is<NameExpr>())) {
        found = child;
        descended = true;
      }
    });
  }
  return found;
}

std::string dumpAst(const Node* node, DumpOptions options) {
  std::string out;
  dumpNode(node, 0, nullptr, options, out);
  return out;
}

} // namespace shrike::parser
