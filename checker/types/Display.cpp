// Display: the type printer (pyright's hover format, PEP 604 unions, None last).
#include "checker/types/Display.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "parser/SourceText.h"

namespace shrike::checker {

namespace {

constexpr int maxDepth = 24; // deeper types print as "..."
// Parts printed at most: a type shared many times over (`t = (t, t)` repeated) is small in
// memory but exponential in print, so what is past this prints as "..." too.
constexpr size_t maxParts = 1000;
constexpr size_t maxLiteralChars = 50; // longer string literals are cut, as pyright does

enum PrintFlags : uint8_t {
  ParenthesizeUnion = 1 << 0,
  ParenthesizeCallable = 1 << 1,
};

class Printer {
public:
  explicit Printer(TypeServices* services) : services_(services) {}

  std::string print(const Type* type, uint8_t flags = 0) {
    if (depth_ > maxDepth || ++parts_ > maxParts) return "...";
    ++depth_;
    std::string result = printInner(type, flags);
    --depth_;
    return result;
  }

  std::string printFunction(const FunctionType* fn, uint8_t flags) {
    std::string params = "(" + printParams(fn) + ")";
    if (fn->has(FunctionParamSpecValue)) return params;
    const Type* ret = returnTypeOf(fn, services_, nullptr);
    std::string text =
        params + " -> " + (ret ? print(ret, ParenthesizeUnion | ParenthesizeCallable) : "Unknown");
    return (flags & ParenthesizeCallable) ? "(" + text + ")" : text;
  }

private:
  std::string printInner(const Type* type, uint8_t flags) {
    switch (type->kind) {
    case TypeKind::Unknown: return "Unknown";
    case TypeKind::Any: return "Any";
    case TypeKind::Never: return (type->flags & NeverIsNoReturn) ? "NoReturn" : "Never";
    case TypeKind::Unbound: return "Unbound";
    case TypeKind::None: return "None";
    case TypeKind::Instance: return printInstance(type->as<InstanceType>());
    case TypeKind::ClassObject: {
      const Type* inner = type->as<ClassObjectType>()->instance;
      return "type[" + print(inner) + "]";
    }
    case TypeKind::Module:
      return "Module(\"" + std::string(type->as<ModuleType>()->name.text()) + "\")";
    case TypeKind::Function: return printFunction(type->as<FunctionType>(), flags);
    case TypeKind::Overloaded: {
      auto o = type->as<OverloadedType>();
      std::string text = "Overload[";
      for (size_t i = 0; i < o->overloads.size(); ++i) {
        if (i) text += ", ";
        text += print(o->overloads[i]);
      }
      return text + "]";
    }
    case TypeKind::Union: return printUnion(type->as<UnionType>(), flags);
    case TypeKind::TypeVar: return printTypeVar(type->as<TypeVarType>());
    case TypeKind::SpecialForm:
      return "type[" + std::string(specialFormName(type->as<SpecialFormType>()->form)) + "]";
    case TypeKind::Property: return "property";
    case TypeKind::TypeAlias: return "TypeAliasType";
    case TypeKind::TypeGuard: {
      auto g = type->as<TypeGuardType>();
      return std::string(g->isTypeIs() ? "TypeIs[" : "TypeGuard[") + print(g->narrowed) + "]";
    }
    }
    return "Unknown";
  }

  // A generic class named without arguments (`type[list]`, from `x = list`) shows them as
  // Unknown, as pyright does: `list[Unknown]`, `dict[Unknown, Unknown]`.
  std::string unknownTypeArgs(const ClassInfo* cls) {
    if (!services_) return "";
    const ClassDetails& details = services_->classDetails(cls);
    if (details.typeParams.empty()) return "";
    std::string text = "[";
    for (size_t i = 0; i < details.typeParams.size(); ++i) {
      if (i) text += ", ";
      const TypeVarType* param = details.typeParams[i];
      text += param->isParamSpec()      ? "..."
              : param->isTypeVarTuple() ? "*tuple[Unknown, ...]"
                                        : "Unknown";
    }
    return text + "]";
  }

  std::string printInstance(const InstanceType* inst) {
    if (inst->isLiteral()) return "Literal[" + displayLiteralValue(inst) + "]";
    if (inst->flags & InstanceLiteralString) return "LiteralString";
    std::string name(inst->cls->name.text());
    std::string prefix = inst->isUnpacked() ? "*" : "";
    if (inst->hasTupleElements()) return prefix + name + "[" + printTupleElements(inst) + "]";
    if (inst->cls->qualifiedName == "builtins.tuple" && inst->typeArgs.size() == 1)
      return prefix + name + "[" + print(inst->typeArgs[0]) + ", ...]";
    if (inst->cls->qualifiedName == "builtins.tuple" && inst->typeArgs.empty())
      return prefix + name + "[Unknown, ...]";
    if (inst->typeArgs.empty()) return prefix + name + unknownTypeArgs(inst->cls);
    std::string text = prefix + name + "[";
    bool first = true;
    for (const Type* arg : inst->typeArgs) {
      // A TypeVarTuple's argument (an unpacked tuple) shows its elements in place.
      if (auto t = arg->as<InstanceType>(); t && t->isUnpacked() && t->hasTupleElements()) {
        if (t->tupleElements.empty()) {
          if (first)
            text += "*tuple[()]";
          else
            continue;
        } else {
          for (const TupleElement& e : t->tupleElements) {
            if (!first) text += ", ";
            first = false;
            text += e.unbounded ? "*tuple[" + print(e.type) + ", ...]" : print(e.type);
          }
          continue;
        }
        first = false;
        continue;
      }
      if (!first) text += ", ";
      first = false;
      text += print(arg);
    }
    return text + "]";
  }

  std::string printTupleElements(const InstanceType* inst) {
    auto elements = inst->tupleElements;
    if (elements.empty()) return "()";
    if (elements.size() == 1 && elements[0].unbounded) return print(elements[0].type) + ", ...";
    std::string text;
    for (size_t i = 0; i < elements.size(); ++i) {
      if (i) text += ", ";
      text += elements[i].unbounded ? "*tuple[" + print(elements[i].type) + ", ...]"
                                    : print(elements[i].type);
    }
    return text;
  }

  std::string printTypeVar(const TypeVarType* tv) {
    std::string text;
    if (tv->isSelf()) {
      text = tv->bound ? "Self@" + print(tv->bound) : "Self";
    } else {
      text = std::string(tv->name.text());
      if (tv->scopeName) text += "@" + std::string(tv->scopeName.text());
      if (tv->flags & TypeVarArgs) text = std::string(tv->name.text()) + ".args";
      if (tv->flags & TypeVarKwargs) text = std::string(tv->name.text()) + ".kwargs";
      if (tv->flags & TypeVarUnpacked) text = "*" + text;
    }
    if (tv->flags & TypeVarInstantiable) text = "type[" + text + "]";
    return text;
  }

  std::string printUnion(const UnionType* u, uint8_t flags) {
    bool parenthesize = flags & ParenthesizeUnion;
    bool hasNone = false;
    std::vector<std::string> parts;
    std::vector<std::string> literals;
    std::vector<std::string> literalClasses;
    auto addUnique = [](std::vector<std::string>& list, std::string text) {
      if (std::find(list.begin(), list.end(), text) == list.end()) list.push_back(std::move(text));
    };
    for (const Type* m : u->members) {
      if (m->isNone()) {
        hasNone = true;
        continue;
      }
      if (auto inst = m->as<InstanceType>(); inst && inst->isLiteral()) {
        addUnique(literals, displayLiteralValue(inst));
        continue;
      }
      if (auto co = m->as<ClassObjectType>()) {
        if (auto inst = co->instance->as<InstanceType>(); inst && inst->isLiteral()) {
          addUnique(literalClasses, displayLiteralValue(inst));
          continue;
        }
      }
      addUnique(parts, print(m, ParenthesizeCallable));
    }
    if (!literals.empty()) {
      std::string text = "Literal[";
      for (size_t i = 0; i < literals.size(); ++i) text += (i ? ", " : "") + literals[i];
      parts.push_back(text + "]");
    }
    if (!literalClasses.empty()) {
      std::string text = "type[Literal[";
      for (size_t i = 0; i < literalClasses.size(); ++i)
        text += (i ? ", " : "") + literalClasses[i];
      parts.push_back(text + "]]");
    }
    if (hasNone) parts.push_back("None");
    if (parts.size() == 1) return parts[0];
    std::string text;
    for (size_t i = 0; i < parts.size(); ++i) text += (i ? " | " : "") + parts[i];
    return parenthesize ? "(" + text + ")" : text;
  }

  std::string printParams(const FunctionType* fn) {
    std::vector<std::string> parts;
    bool sawNamed = false;
    bool sawVarPositional = false;
    bool gradual = fn->has(FunctionGradual);
    auto params = fn->params;
    for (size_t i = 0; i < params.size(); ++i) {
      const Param& p = params[i];
      if (p.kind == ParamKind::VarPositional) sawVarPositional = true;
      if (p.kind == ParamKind::KeywordOnly && !sawVarPositional) {
        parts.push_back("*");
        sawVarPositional = true;
      }
      if (gradual && p.kind == ParamKind::VarPositional) {
        parts.push_back("...");
        continue;
      }
      if (gradual && p.kind == ParamKind::VarKeyword) continue;
      std::string text;
      if (p.kind == ParamKind::VarPositional) text += "*";
      if (p.kind == ParamKind::VarKeyword) text += "**";
      if (p.name) {
        text += p.name.text();
        sawNamed = true;
        text += ": ";
        text += p.type ? print(p.type) : "Unknown";
        if (p.hasDefault())
          text += " = " + std::string(p.defaultText.empty() ? "..." : p.defaultText);
      } else {
        text += p.type ? print(p.type) : "Unknown";
        if (p.hasDefault()) text += " = ...";
      }
      parts.push_back(std::move(text));
      // The positional-only marker follows the last positional-only parameter.
      bool lastPositionalOnly =
          p.kind == ParamKind::PositionalOnly &&
          (i + 1 == params.size() || params[i + 1].kind != ParamKind::PositionalOnly);
      if (lastPositionalOnly && sawNamed) parts.push_back("/");
    }
    if (fn->paramSpec) parts.push_back("**" + print(fn->paramSpec));
    std::string text;
    for (size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
    return text;
  }

  TypeServices* services_;
  int depth_ = 0;
  size_t parts_ = 0;
};

void appendJsonEscaped(std::string& out, std::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size();) {
    if (count == maxLiteralChars) {
      out += "\xE2\x80\xA6"; // …
      break;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      char32_t cp;
      uint32_t len = parser::decodeUtf8(text, static_cast<uint32_t>(i), cp);
      out.append(text.substr(i, len));
      i += len;
      ++count;
      continue;
    }
    switch (c) {
    case '\\': out += "\\\\"; break;
    case '\'': out += "\\'"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    default:
      if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
    ++i;
    ++count;
  }
}

} // namespace

std::string displayLiteralValue(const InstanceType* literal) {
  const LiteralValue& v = literal->literal;
  switch (v.kind) {
  case LiteralKind::Int: return std::to_string(v.intValue);
  case LiteralKind::BigInt: return std::string(v.text);
  case LiteralKind::Bool: return v.intValue ? "True" : "False";
  case LiteralKind::Str: {
    std::string out = "'";
    appendJsonEscaped(out, v.text);
    return out + "'";
  }
  case LiteralKind::Bytes: {
    std::string out = "b\"";
    size_t count = 0;
    for (unsigned char c : v.text) {
      if (count++ == maxLiteralChars) {
        out += "\xE2\x80\xA6";
        break;
      }
      if (c >= 20 && c <= 126) {
        if (c == '"') out += '\\';
        out += static_cast<char>(c);
      } else {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%x%x", (c >> 4) & 0xf, c & 0xf);
        out += buf;
      }
    }
    return out + "\"";
  }
  case LiteralKind::Enum: return std::string(literal->cls->name.text()) + "." + std::string(v.text);
  case LiteralKind::None: break;
  }
  return "";
}

std::string displayType(const Type* type, TypeServices* services) {
  if (!type) return "Unknown";
  Printer printer(services);
  return printer.print(type);
}

} // namespace shrike::checker
