// Hover: signatures from the declaration's syntax, docstrings from the first statement.
#include "checker/ide/Hover.h"

#include <algorithm>
#include <sstream>

#include "checker/ide/Navigation.h"
#include "checker/ide/TypeNavigation.h"

namespace shrike::checker::ide {

namespace {

using namespace parser;

std::string sourceOf(const Module& module, TextRange range) {
  std::string out;
  bool space = false;
  for (char c : module.text->text().substr(range.start, range.length())) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space && out.back() != '(' && out.back() != '[' && c != ')' && c != ']' && c != ',')
      out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

const StringLiteral* docstringOf(List<Stmt*> body) {
  if (body.empty()) return nullptr;
  const auto* statement = body.front()->as<ExprStmt>();
  return statement && statement->value ? statement->value->as<StringLiteral>() : nullptr;
}

bool isConstantName(std::string_view name) {
  bool letter = false;
  for (char c : name) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

// The annotation written for a variable declaration, if any (`x: int = 0`).
const Expr* annotationOf(const Node* target) {
  if (!target || !target->parent) return nullptr;
  if (const auto* assign = target->parent->as<AnnAssign>(); assign && assign->target == target)
    return assign->annotation;
  return nullptr;
}

std::string signatureOf(const Resolved& resolved, std::string& docstring) {
  const Module& module = *resolved.module;
  if (resolved.isModule()) {
    if (module.ast) {
      if (const StringLiteral* doc = docstringOf(module.ast->module->body))
        docstring = std::string(doc->value);
    }
    return "(module) " + module.name;
  }
  const bind::Declaration& decl = resolved.decl();
  const bind::SemanticIndex& index = *module.index;
  std::string name(index.symbol(decl.symbol).name.text());
  const Node* node = decl.node;
  const bind::Scope& scope = index.scope(decl.scope);
  switch (decl.kind) {
  case bind::DeclarationKind::Function: {
    const auto* def = node->as<FunctionDef>();
    if (const StringLiteral* doc = docstringOf(def->body)) docstring = std::string(doc->value);
    bool method = scope.kind == bind::ScopeKind::Class;
    std::string text = method ? "(method) " : "(function) ";
    text += def->isAsync ? "async def " : "def ";
    text += name;
    text += def->parameters ? sourceOf(module, def->parameters->range) : "()";
    // A string annotation shows its text, as pyright does (`-> "Shape"` reads `-> Shape`).
    if (const auto* quoted = def->returns ? def->returns->as<StringLiteral>() : nullptr)
      text += " -> " + std::string(quoted->value);
    else if (def->returns)
      text += " -> " + sourceOf(module, def->returns->range);
    return text;
  }
  case bind::DeclarationKind::Class: {
    const auto* cls = node->as<ClassDef>();
    if (const StringLiteral* doc = docstringOf(cls->body)) docstring = std::string(doc->value);
    std::string text = "(class) class " + name;
    if (!cls->bases.empty() || !cls->keywords.empty()) {
      std::string arguments;
      for (const Expr* base : cls->bases)
        arguments += (arguments.empty() ? "" : ", ") + sourceOf(module, base->range);
      for (const Keyword* keyword : cls->keywords)
        arguments += (arguments.empty() ? "" : ", ") + sourceOf(module, keyword->range);
      text += "(" + arguments + ")";
    }
    return text;
  }
  case bind::DeclarationKind::Parameter: {
    const auto* parameter = node->as<Parameter>();
    std::string text = "(parameter) ";
    if (parameter->parameterKind == ParameterKind::VarPositional) text += "*";
    if (parameter->parameterKind == ParameterKind::VarKeyword) text += "**";
    text += name;
    if (parameter->annotation) text += ": " + sourceOf(module, parameter->annotation->range);
    return text;
  }
  case bind::DeclarationKind::TypeParameter: return "(type parameter) " + name;
  case bind::DeclarationKind::TypeAlias: {
    const auto* alias = node->as<TypeAlias>();
    return "(type) " + name + (alias->value ? " = " + sourceOf(module, alias->value->range) : "");
  }
  case bind::DeclarationKind::Import:
  case bind::DeclarationKind::ImportFrom: return "(import) " + name;
  default: break;
  }
  bool constant = scope.kind != bind::ScopeKind::Function && isConstantName(name);
  std::string text = constant ? "(constant) " : "(variable) ";
  text += name;
  if (const Expr* annotation = annotationOf(node))
    text += ": " + sourceOf(module, annotation->range);
  return text;
}

} // namespace

std::string cleanDocstring(std::string_view raw) {
  std::vector<std::string> lines;
  std::string line;
  for (char c : raw) {
    if (c == '\n') {
      lines.push_back(line);
      line.clear();
    } else if (c != '\r') {
      line.push_back(c == '\t' ? ' ' : c);
    }
  }
  lines.push_back(line);
  size_t indent = std::string::npos;
  for (size_t i = 1; i < lines.size(); ++i) {
    size_t first = lines[i].find_first_not_of(' ');
    if (first != std::string::npos) indent = std::min(indent, first);
  }
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string text = lines[i];
    if (i == 0)
      text.erase(0, text.find_first_not_of(' ') == std::string::npos ? text.size()
                                                                     : text.find_first_not_of(' '));
    else if (indent != std::string::npos && text.size() >= indent)
      text.erase(0, indent);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  }
  // Leading and trailing blank lines go.
  size_t start = out.find_first_not_of('\n');
  if (start == std::string::npos) return "";
  size_t end = out.find_last_not_of('\n');
  return out.substr(start, end - start + 1);
}

namespace {

// The return type in a displayed callable, `(x: int) -> str` -> `str`: what follows the
// first `->` outside brackets.
std::string returnTypeOf(std::string_view display) {
  int depth = 0;
  for (size_t i = 0; i + 3 < display.size(); ++i) {
    char c = display[i];
    if (c == '(' || c == '[')
      ++depth;
    else if (c == ')' || c == ']')
      --depth;
    else if (depth == 0 && display.substr(i, 4) == " -> ")
      return std::string(display.substr(i + 4));
  }
  return "";
}

// The type of the name under the cursor: at a use, the type there (narrowed); elsewhere, the
// type its declaration gives it.
std::optional<std::string> typeAtCursor(Program& program, const CursorSymbol& cursor,
                                        const Resolved& definition) {
  return cursor.expression ? displayTypeOf(program, cursor.module, cursor.expression)
                           : displayTypeOf(program, definition);
}

// `(variable) name: written` -> `(variable) name: type`: the evaluated type replaces the
// annotation as written, and the kind and name stay.
void setDisplayedType(std::string& signature, const std::string& type) {
  size_t colon = signature.find(": ");
  if (colon != std::string::npos) signature.resize(colon);
  signature += ": " + type;
}

// The first parameter of a displayed callable, `(self: Shape, x: int) -> int` -> name `self`
// and type `Shape`; nothing when the display is not one signature.
struct DisplayedParameter {
  std::string name;
  std::string type;
};
std::optional<DisplayedParameter> firstParameterOf(std::string_view display) {
  if (display.empty() || display.front() != '(') return std::nullopt;
  int depth = 0;
  size_t colon = std::string_view::npos;
  for (size_t i = 1; i < display.size(); ++i) {
    char c = display[i];
    if (c == '(' || c == '[') {
      ++depth;
    } else if ((c == ')' || c == ']') && depth > 0) {
      --depth;
    } else if (depth == 0 && c == ':' && colon == std::string_view::npos) {
      colon = i;
    } else if (depth == 0 && (c == ',' || c == ')' || c == '=')) {
      size_t nameEnd = colon == std::string_view::npos ? i : colon;
      DisplayedParameter out{std::string(display.substr(1, nameEnd - 1)), ""};
      if (colon != std::string_view::npos) out.type = display.substr(colon + 2, i - colon - 2);
      while (!out.type.empty() && out.type.back() == ' ') out.type.pop_back();
      return out;
    }
  }
  return std::nullopt;
}

bool isStaticMethod(const FunctionDef& def) {
  for (const Expr* decorator : def.decorators) {
    if (const auto* name = decorator->as<NameExpr>(); name && name->id.text() == "staticmethod")
      return true;
    if (const auto* attribute = decorator->as<Attribute>();
        attribute && attribute->attr.name.text() == "staticmethod")
      return true;
  }
  return false;
}

// A method's `self` (or `cls`) as pyright shows it: dropped where the method is bound
// (`obj.method`, `Class.classmethod`), with the receiver's type where it is not
// (`Class.method`: `self: Class`), and with its implicit type at the def itself
// (`self: Self@Class`, `cls: type[Self@Class]`).
void showImplicitFirstParameter(Program& program, const CursorSymbol& cursor,
                                const Resolved& definition, std::string& signature) {
  const auto* def = definition.decl().node->as<FunctionDef>();
  const bind::SemanticIndex& index = *definition.module->index;
  if (index.scope(definition.decl().scope).kind != bind::ScopeKind::Class || !def->parameters ||
      def->parameters->parameters.empty() || isStaticMethod(*def))
    return;
  const Parameter* first = def->parameters->parameters.front();
  if (first->parameterKind == ParameterKind::VarPositional ||
      first->parameterKind == ParameterKind::VarKeyword || first->annotation)
    return;
  const Module& module = *definition.module;
  std::string written = sourceOf(module, def->parameters->range);
  std::string firstText = sourceOf(module, first->range);
  // What follows the first parameter: `, x: int)`, or `)`.
  std::string rest = sourceOf(module, TextRange{first->range.end, def->parameters->range.end});
  std::optional<std::string> type;
  if (cursor.expression && cursor.expression->as<Attribute>()) {
    std::optional<std::string> display = displayTypeOf(program, cursor.module, cursor.expression);
    std::optional<DisplayedParameter> shown = display ? firstParameterOf(*display) : std::nullopt;
    if (shown && shown->name != first->name.name.text()) {
      // Bound: the parameter is gone (and a `/` that only it stood before).
      if (rest.starts_with(", ")) rest.erase(0, 2);
      if (rest.starts_with("/, ")) rest.erase(0, 3);
      if (rest.starts_with("/)")) rest.erase(0, 1);
      size_t at = written.find(firstText);
      signature.replace(signature.find(written), written.size(), written.substr(0, at) + rest);
      return;
    }
    if (shown && !shown->type.empty()) type = shown->type;
  }
  if (!type) {
    bind::DeclId parameter = index.declarationOf(first);
    if (parameter == bind::noId) return;
    type = displayTypeOf(program, Resolved{definition.module, parameter});
  }
  if (!type) return;
  size_t at = written.find(firstText);
  signature.replace(signature.find(written), written.size(),
                    written.substr(0, at) + firstText + ": " + *type + rest);
}

// What the syntax cannot say: the type of a variable or unannotated parameter (narrowed where
// the cursor is, when it is on a use), a method's implicit first parameter, and the inferred
// return type of an unannotated def.
void addTypes(Program& program, const CursorSymbol& cursor, const Resolved& definition,
              std::string& signature) {
  if (definition.isModule()) return;
  const bind::Declaration& decl = definition.decl();
  const Node* node = decl.node;
  switch (decl.kind) {
  case bind::DeclarationKind::Variable: {
    if (std::optional<std::string> type = typeAtCursor(program, cursor, definition))
      setDisplayedType(signature, *type);
    return;
  }
  case bind::DeclarationKind::Parameter: {
    // At the parameter itself, its annotation as written.
    if (!cursor.expression && node->as<Parameter>()->annotation) return;
    if (std::optional<std::string> type = typeAtCursor(program, cursor, definition))
      setDisplayedType(signature, *type);
    return;
  }
  case bind::DeclarationKind::Function: {
    showImplicitFirstParameter(program, cursor, definition, signature);
    const auto* def = node->as<FunctionDef>();
    if (def->returns) return;
    if (std::optional<std::string> type = displayTypeOf(program, definition)) {
      std::string returns = returnTypeOf(*type);
      if (!returns.empty()) signature += " -> " + returns;
    }
    return;
  }
  default: return;
  }
}

} // namespace

std::optional<HoverInfo> hoverAt(Program& program, const std::string& path, uint32_t offset,
                                 const CancellationToken& cancelled) {
  std::optional<CursorSymbol> cursor = symbolAt(program, path, offset, cancelled);
  if (!cursor) return std::nullopt;
  HoverInfo info;
  info.range = cursor->nameRange;
  std::string docstring;
  const Resolved& definition = cursor->definitions.front();
  info.signature = signatureOf(definition, docstring);
  if (!cancelled) addTypes(program, *cursor, definition, info.signature);
  info.docstring = cleanDocstring(docstring);
  return info;
}

} // namespace shrike::checker::ide
