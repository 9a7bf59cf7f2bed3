// Declarations: the types of declarations and symbols — declared (annotations, defs,
// classes, imports) and inferred (what assignments bind), and module attributes.
#include <algorithm>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;
using bind::Declaration;
using bind::DeclarationKind;
using bind::DeclId;
using bind::SymbolId;

namespace {

// UPPER_CASE names are constants: their literal values are kept (as pyright keeps them).
bool isConstantName(std::string_view name) {
  bool sawLetter = false;
  for (char c : name) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') sawLetter = true;
  }
  return sawLetter;
}

// The special forms typing and typing_extensions declare as `X: _SpecialForm` (or oddly).
std::optional<SpecialForm> specialFormNamed(std::string_view name) {
  static const std::pair<std::string_view, SpecialForm> forms[] = {
      {"Any", SpecialForm::Any},
      {"Union", SpecialForm::Union},
      {"Optional", SpecialForm::Optional},
      {"Literal", SpecialForm::Literal},
      {"LiteralString", SpecialForm::LiteralString},
      {"Callable", SpecialForm::Callable},
      {"Annotated", SpecialForm::Annotated},
      {"Final", SpecialForm::Final},
      {"ClassVar", SpecialForm::ClassVar},
      {"Generic", SpecialForm::Generic},
      {"Protocol", SpecialForm::Protocol},
      {"TypeGuard", SpecialForm::TypeGuard},
      {"TypeIs", SpecialForm::TypeIs},
      {"Self", SpecialForm::Self},
      {"Never", SpecialForm::Never},
      {"NoReturn", SpecialForm::NoReturn},
      {"Concatenate", SpecialForm::Concatenate},
      {"Unpack", SpecialForm::Unpack},
      {"Required", SpecialForm::Required},
      {"NotRequired", SpecialForm::NotRequired},
      {"ReadOnly", SpecialForm::ReadOnly},
      {"TypeAlias", SpecialForm::TypeAlias},
      {"Tuple", SpecialForm::Tuple},
      {"Type", SpecialForm::Type},
      {"TypedDict", SpecialForm::TypedDict},
  };
  for (auto& [n, form] : forms)
    if (n == name) return form;
  return std::nullopt;
}

bool isTypingModule(const BoundModule& module) {
  std::string_view name = module.name.text();
  return name == "typing" || name == "typing_extensions";
}

// `List = _Alias()` and friends in typing: the builtin or collections class they stand for.
std::optional<std::pair<std::string_view, std::string_view>> typingAlias(std::string_view name) {
  static const std::tuple<std::string_view, std::string_view, std::string_view> aliases[] = {
      {"List", "builtins", "list"},
      {"Dict", "builtins", "dict"},
      {"Set", "builtins", "set"},
      {"FrozenSet", "builtins", "frozenset"},
      {"DefaultDict", "collections", "defaultdict"},
      {"OrderedDict", "collections", "OrderedDict"},
      {"Counter", "collections", "Counter"},
      {"Deque", "collections", "deque"},
      {"ChainMap", "collections", "ChainMap"},
  };
  for (auto& [n, module, cls] : aliases)
    if (n == name) return std::make_pair(module, cls);
  return std::nullopt;
}

} // namespace

// ---- declarations ----------------------------------------------------------------------------

const Type* EvaluatorImpl::typeOfDeclaration(ModuleTypes& mt, DeclId declId) {
  if (declId == bind::noId || declId >= mt.index.declarations().size()) return unknown();
  MemoKey key{nullptr, declId, MemoKind::Declaration};
  return memo(mt, key, unknown(), [&]() -> const Type* {
    const Declaration& decl = mt.index.declaration(declId);
    Name name = mt.index.symbol(decl.symbol).name;
    switch (decl.kind) {
    case DeclarationKind::Variable: {
      // typing's special forms are declared as plain variables: recognise them by name.
      if (isTypingModule(mt.module) && decl.scope == bind::moduleScopeId) {
        if (auto form = specialFormNamed(name.text())) {
          if (*form == SpecialForm::Generic || *form == SpecialForm::Protocol ||
              *form == SpecialForm::TypedDict || *form == SpecialForm::Any)
            return arena_.specialForm(*form);
          return arena_.specialForm(*form);
        }
        if (auto alias = typingAlias(name.text())) {
          if (const ClassInfo* cls = classNamed(alias->first, alias->second))
            return arena_.classObject(arena_.instance(cls));
        }
      }
      if (decl.has(bind::DeclAnnotated)) {
        if (const Type* declared = declaredTypeOfDeclaration(mt, declId)) {
          // `X: Final = 3` keeps the value's type; `x: TypeAlias = int` is an alias.
          if (auto ann =
                  decl.node && decl.node->parent ? decl.node->parent->as<AnnAssign>() : nullptr) {
            if (ann->value &&
                (annotationHasQualifier(mt, ann->annotation, SpecialForm::Final) ||
                 annotationHasQualifier(mt, ann->annotation, SpecialForm::TypeAlias)) &&
                declared->isAnyOrUnknown()) {
              if (annotationHasQualifier(mt, ann->annotation, SpecialForm::TypeAlias)) {
                return explicitAliasValue(mt, ann->value);
              }
              return typeOf(mt, ann->value);
            }
          }
          return declared;
        }
      }
      if (decl.has(bind::DeclAnnotationOnly)) return unknown();
      // A name assigned in an Enum class body is a member: Literal[Color.RED].
      if (decl.scope != bind::noId && mt.index.scope(decl.scope).kind == bind::ScopeKind::Class &&
          !decl.has(bind::DeclInstanceMember) && decl.node && decl.node->is<NameExpr>() &&
          decl.node->parent &&
          (decl.node->parent->is<Assign>() || decl.node->parent->is<AnnAssign>())) {
        auto def = mt.index.scope(decl.scope).node->as<ClassDef>();
        std::string_view text = name.text();
        bool special = text.starts_with("__") ||
                       (text.size() > 1 && text.front() == '_' && text.back() == '_');
        if (def && !special && isEnumClass(classInfoFor(mt, def))) {
          const Type* value = assignedTypeOfTarget(mt, decl.node);
          bool isMember = !(value->is<FunctionType>() || value->is<OverloadedType>() ||
                            value->is<ClassObjectType>() || value->is<PropertyType>());
          if (auto inst = value->as<InstanceType>()) {
            std::string_view qn = inst->cls->qualifiedName;
            if (qn == "enum.nonmember" || qn == "builtins.staticmethod" ||
                qn == "builtins.classmethod")
              isMember = false;
          }
          if (isMember)
            return arena_.literal(classInfoFor(mt, def), LiteralValue{LiteralKind::Enum, 0, text});
        }
      }
      return assignedTypeOfTarget(mt, decl.node);
    }
    case DeclarationKind::Parameter:
      return typeOfParameter(mt, static_cast<const parser::Parameter*>(decl.node));
    case DeclarationKind::Function:
      return typeOfFunctionDef(mt, static_cast<const FunctionDef*>(decl.node));
    case DeclarationKind::Class: {
      auto def = static_cast<const ClassDef*>(decl.node);
      // typing.Any is declared as a class; it is the special form.
      if (isTypingModule(mt.module) && name.text() == "Any")
        return arena_.specialForm(SpecialForm::Any);
      ClassInfo* cls = classInfoFor(mt, def);
      const Type* classObject = arena_.classObject(arena_.instance(cls));
      if (def->decorators.empty()) return classObject;
      return memo(mt, MemoKey{def, 0, MemoKind::DecoratedClass}, classObject, [&]() -> const Type* {
        const Type* result = classObject;
        for (size_t i = def->decorators.size(); i-- > 0;) {
          const Type* applied = applyDecorator(mt, result, def->decorators[i], def);
          // A class decorator that returns something unknown keeps the class (as pyright does),
          // and so does a dataclass decorator (`Callable[[type[T]], type[T]]` left unsolved).
          if (applied == result || applied->isAnyOrUnknown() || hasUnknownMember(applied)) continue;
          if (auto co = applied->as<ClassObjectType>(); co && co->instance->isAnyOrUnknown())
            continue;
          if (!mt.module.isStub && isDataclass(cls)) continue;
          result = applied;
        }
        return result;
      });
    }
    case DeclarationKind::Import: {
      const bind::ImportRecord& record = mt.index.import(decl.import);
      if (record.kind == bind::ImportKind::ModuleAs) {
        const BoundModule* target = provider_.importedModule(mt.module, decl.import);
        return target ? static_cast<const Type*>(arena_.module(target, target->name)) : unknown();
      }
      // `import a.b.c` binds `a`.
      std::string_view dotted = record.module.text();
      std::string_view first = dotted.substr(0, dotted.find('.'));
      const BoundModule* target = provider_.moduleNamed(first);
      return target ? static_cast<const Type*>(arena_.module(target, target->name)) : unknown();
    }
    case DeclarationKind::ImportFrom: return importedType(mt, decl);
    case DeclarationKind::TypeAlias: {
      auto alias = static_cast<const parser::TypeAlias*>(decl.node);
      return arena_.typeAlias(alias->name.name, alias, &mt.module);
    }
    case DeclarationKind::TypeParameter: {
      auto param = static_cast<const TypeParam*>(decl.node);
      return memo(mt, MemoKey{param, 0, MemoKind::TypeParam}, unknown(), [&]() -> const Type* {
        TypeVarType proto;
        proto.name = param->name.name;
        proto.tvKind = param->typeParamKind == TypeParamKind::TypeVar ? TypeVarKind::TypeVar
                       : param->typeParamKind == TypeParamKind::ParamSpec
                           ? TypeVarKind::ParamSpec
                           : TypeVarKind::TypeVarTuple;
        proto.variance = Variance::Inferred;
        proto.flags = TypeVarPep695;
        // The owner (def, class or alias) is the TypeParams scope's node.
        const Node* owner = param->parent;
        if (auto cls = owner ? owner->as<ClassDef>() : nullptr) {
          proto.scope = classInfoFor(mt, cls);
          proto.scopeName = cls->name.name;
        } else if (auto fn = owner ? owner->as<FunctionDef>() : nullptr) {
          proto.scope = fn;
          proto.scopeName = fn->name.name;
        } else if (auto alias = owner ? owner->as<parser::TypeAlias>() : nullptr) {
          proto.scope = alias;
          proto.scopeName = alias->name.name;
        }
        if (param->bound) {
          if (auto tuple = param->bound->as<Tuple>()) {
            std::vector<const Type*> constraints;
            for (const Expr* e : tuple->elts) constraints.push_back(typeOfAnnotation(mt, e, true));
            proto.constraints = constraints;
            return arena_.typeVar(proto);
          }
          proto.bound = typeOfAnnotation(mt, param->bound, true);
        }
        if (param->defaultValue)
          proto.defaultType = typeOfAnnotation(mt, param->defaultValue, true);
        return arena_.typeVar(proto);
      });
    }
    case DeclarationKind::Implicit: {
      std::string_view text = name.text();
      if (text == "__name__" || text == "__qualname__" || text == "__module__" ||
          text == "__file__")
        return strType();
      if (text == "__doc__") return arena_.unionOf(strType(), arena_.none());
      if (text == "__dict__") {
        const Type* args[] = {strType(), arena_.any()};
        if (auto d = instanceOf(KnownClass::Dict, args)) return d;
      }
      if (text == "__path__") {
        const Type* args[] = {strType()};
        if (auto l = instanceOf(KnownClass::List, args)) return l;
      }
      if (text == "__class__") {
        if (const ClassInfo* cls = enclosingClass(mt, decl.node))
          return arena_.classObject(selfInstance(cls));
      }
      return unknown();
    }
    }
    return unknown();
  });
}

const Type* EvaluatorImpl::declaredTypeOfDeclaration(ModuleTypes& mt, DeclId declId) {
  const Declaration& decl = mt.index.declaration(declId);
  if (decl.kind == DeclarationKind::Parameter) {
    auto p = static_cast<const parser::Parameter*>(decl.node);
    if (!mt.index.annotationOf(p)) return nullptr;
    return typeOfParameter(mt, p);
  }
  if (decl.kind != DeclarationKind::Variable || !decl.has(bind::DeclAnnotated)) return nullptr;
  const Node* target = decl.node;
  const Expr* annotation = nullptr;
  if (target && target->parent)
    if (auto ann = target->parent->as<AnnAssign>()) annotation = ann->annotation;
  if (!annotation) return nullptr;
  // `X: TypeAlias = ...` declares an alias, not a variable of some type.
  if (annotationHasQualifier(mt, annotation, SpecialForm::TypeAlias)) return nullptr;
  const Type* declared = typeOfAnnotation(mt, annotation);
  // `x: Final = 3` declares no type of its own; the value's type is inferred.
  if (declared->isAnyOrUnknown() && annotationHasQualifier(mt, annotation, SpecialForm::Final)) {
    if (auto sub = annotation->as<Subscript>(); !sub) return unknown();
  }
  return declared;
}

bool EvaluatorImpl::isFinalDeclaration(ModuleTypes& mt, DeclId declId) {
  const Declaration& decl = mt.index.declaration(declId);
  if (decl.kind != DeclarationKind::Variable || !decl.has(bind::DeclAnnotated)) return false;
  if (!decl.node || !decl.node->parent) return false;
  auto ann = decl.node->parent->as<AnnAssign>();
  return ann && annotationHasQualifier(mt, ann->annotation, SpecialForm::Final);
}

// ---- symbols ---------------------------------------------------------------------------------

const Type* EvaluatorImpl::declaredTypeOfSymbol(ModuleTypes& mt, SymbolId symbolId) {
  if (symbolId == bind::noId) return nullptr;
  MemoKey key{nullptr, symbolId, MemoKind::DeclaredSymbol};
  // A cycle here (an annotation naming its own variable) has no declared type.
  const Type* none = arena_.unbound();
  const Type* result = memo(mt, key, none, [&]() -> const Type* {
    const Type* declared = none;
    // typing's special forms are declared `X: _SpecialForm`; what they are is their name.
    if (isTypingModule(mt.module) && mt.index.symbol(symbolId).scope == bind::moduleScopeId) {
      std::string_view text = mt.index.symbol(symbolId).name.text();
      if (specialFormNamed(text) || typingAlias(text)) return none;
    }
    mt.index.forEachDeclaration(symbolId, [&](DeclId d) {
      const Declaration& decl = mt.index.declaration(d);
      if (decl.has(bind::DeclUnreachable)) return;
      if (decl.kind == DeclarationKind::Variable && decl.has(bind::DeclAnnotated)) {
        if (const Type* t = declaredTypeOfDeclaration(mt, d)) {
          // `x: Final = 3` has no declared type; its value is its type.
          if (isFinalDeclaration(mt, d) && t->isAnyOrUnknown()) {
            declared = typeOfDeclaration(mt, d);
            return;
          }
          declared = t;
        }
      } else if (decl.kind == DeclarationKind::Parameter) {
        if (const Type* t = declaredTypeOfDeclaration(mt, d)) declared = t;
      }
    });
    return declared;
  });
  return result == none ? nullptr : result;
}

const Type* EvaluatorImpl::effectiveTypeOfSymbol(ModuleTypes& mt, SymbolId symbolId) {
  if (symbolId == bind::noId) return unknown();
  MemoKey key{nullptr, symbolId, MemoKind::EffectiveSymbol};
  return memo(mt, key, unknown(), [&]() -> const Type* {
    if (const Type* declared = declaredTypeOfSymbol(mt, symbolId)) {
      // A declared function or class wins over the annotation only when it comes last.
      const bind::Symbol& symbol = mt.index.symbol(symbolId);
      if (symbol.lastDecl == bind::noId) return declared;
      const Declaration& last = mt.index.declaration(symbol.lastDecl);
      if (last.kind != DeclarationKind::Function && last.kind != DeclarationKind::Class)
        return declared;
    }
    const bind::Symbol& symbol = mt.index.symbol(symbolId);
    bool constant = isConstantName(symbol.name.text());
    // A def or class is a declaration with a type, as an annotation is (pyright's rule): the
    // last one is what the name means (an overload set ends with it), and plain assignments
    // elsewhere (`self.m = other.m` hiding a method) do not widen it. Nor do imports, which
    // pyright binds as assignments: asyncio/events.py's `_get_running_loop` is its def, not
    // the union with `from _asyncio import _get_running_loop` in the try below it.
    bind::DeclId lastTyped = bind::noId;
    mt.index.forEachDeclaration(symbolId, [&](DeclId d) {
      const Declaration& decl = mt.index.declaration(d);
      if (decl.has(bind::DeclUnreachable)) return;
      if (decl.kind == DeclarationKind::Function || decl.kind == DeclarationKind::Class)
        lastTyped = d;
    });
    if (lastTyped != bind::noId) return typeOfDeclaration(mt, lastTyped);
    std::vector<const Type*> types;
    bool sawReachable = false;
    mt.index.forEachDeclaration(symbolId, [&](DeclId d) {
      const Declaration& decl = mt.index.declaration(d);
      if (decl.has(bind::DeclUnreachable)) return;
      sawReachable = true;
      // `self.x += ...` declares x but reads it first: it adds no type of its own.
      if (decl.isAugmentedMember()) return;
      // In a stub or for defs and classes, the last declaration is the one that counts.
      if (decl.kind == DeclarationKind::Function || decl.kind == DeclarationKind::Class ||
          decl.kind == DeclarationKind::Import || decl.kind == DeclarationKind::ImportFrom ||
          decl.kind == DeclarationKind::TypeAlias) {
        if (mt.module.isStub) types.clear();
      }
      if (decl.has(bind::DeclAnnotationOnly) && !decl.has(bind::DeclAnnotated)) return;
      const Type* t = typeOfDeclaration(mt, d);
      if (decl.kind == DeclarationKind::Variable && !constant && !isFinalDeclaration(mt, d) &&
          !decl.has(bind::DeclAnnotated)) {
        // A variable's inferred type is widened: other code may assign other values.
        if (!t->is<ClassObjectType>()) t = stripLiteral(t, arena_);
        // Enum members keep their literal type.
        if (auto inst = typeOfDeclaration(mt, d)->as<InstanceType>();
            inst && inst->literal.kind == LiteralKind::Enum)
          t = inst;
      }
      if (decl.kind == DeclarationKind::Variable && decl.has(bind::DeclAugmented) && !types.empty())
        return; // `x += 1` keeps x's type
      types.push_back(t);
    });
    if (types.empty()) return sawReachable ? unknown() : arena_.unbound();
    return arena_.unionOf(types);
  });
}

// ---- modules and imports ---------------------------------------------------------------------

namespace {

// Whether `node` sits in an `except` clause of its scope's own code.
bool inExceptClause(const Node* node) {
  for (const Node* n = node; n; n = n->parent) {
    if (n->is<ExceptHandler>()) return true;
    if (n->is<FunctionDef>() || n->is<Lambda>() || n->is<ClassDef>()) return false;
  }
  return false;
}

} // namespace

// A module's variable read from another module is what its last assignment gives, as pyright
// reads it (the last declaration not in an `except` clause; assignments in function bodies,
// which pyright binds after the module's own code, come last): after `try: D = os.getcwd()
// except OSError: D = None`, `m.D` is str. Null when the symbol has a declared type, a def, a
// class or an import, or one assignment only: its effective type answers then.
const Type* EvaluatorImpl::lastAssignedType(ModuleTypes& mt, SymbolId symbolId) {
  if (mt.module.isStub || declaredTypeOfSymbol(mt, symbolId)) return nullptr;
  DeclId moduleLast = bind::noId, nestedLast = bind::noId;
  size_t count = 0;
  bool onlyVariables = true;
  mt.index.forEachDeclaration(symbolId, [&](DeclId d) {
    const Declaration& decl = mt.index.declaration(d);
    if (decl.has(bind::DeclUnreachable)) return;
    if (decl.kind != DeclarationKind::Variable || decl.has(bind::DeclAnnotationOnly)) {
      onlyVariables = false;
      return;
    }
    ++count;
    if (inExceptClause(decl.node)) return;
    (decl.scope == bind::moduleScopeId ? moduleLast : nestedLast) = d;
  });
  DeclId last = nestedLast != bind::noId ? nestedLast : moduleLast;
  if (!onlyVariables || count < 2 || last == bind::noId) return nullptr;
  if (mt.index.declaration(last).has(bind::DeclAugmented)) return nullptr;
  return typeOfDeclaration(mt, last);
}

const Type* EvaluatorImpl::moduleMember(const BoundModule& module, Name name, bool* found) {
  if (found) *found = true;
  ModuleTypes& mt = typesOf(module);
  SymbolId symbol = module.index->localSymbol(bind::moduleScopeId, name);
  if (symbol != bind::noId) {
    const bind::Symbol& s = module.index->symbol(symbol);
    if (s.isScopeName()) {
      if (const Type* t = lastAssignedType(mt, symbol)) return t;
      const Type* t = effectiveTypeOfSymbol(mt, symbol);
      if (t->kind != TypeKind::Unbound) return t;
    }
  }
  if (const Type* t = starImportedType(module, name)) return t;
  if (const BoundModule* sub = provider_.submodule(module, name))
    return arena_.module(sub, sub->name);
  // A module-level __getattr__ answers for every other name.
  SymbolId getattr = module.index->localSymbol(bind::moduleScopeId, names::dunderGetattr);
  if (getattr != bind::noId && name != names::dunderGetattr) {
    const Type* fn = effectiveTypeOfSymbol(mt, getattr);
    if (auto f = fn->as<FunctionType>()) return returnTypeOf(f, this, unknown());
    return unknown();
  }
  std::string_view text = name.text();
  if (text == "__name__" || text == "__file__" || text == "__qualname__") return strType();
  if (text == "__doc__") return arena_.unionOf(strType(), arena_.none());
  if (text == "__path__" && module.isPackage) {
    const Type* args[] = {strType()};
    if (auto l = instanceOf(KnownClass::List, args)) return l;
  }
  if (text == "__dict__") {
    const Type* args[] = {strType(), arena_.any()};
    if (auto d = instanceOf(KnownClass::Dict, args)) return d;
  }
  if (found) *found = false;
  return nullptr;
}

const Type* EvaluatorImpl::starImportedType(const BoundModule& module, Name name) {
  if (!module.index->has(bind::ModuleHasStarImports)) return nullptr;
  thread_local int depth = 0;
  if (depth > 16) return nullptr;
  std::string_view text = name.text();
  bool underscore = !text.empty() && text[0] == '_';
  for (bind::ImportId id = 0; id < module.index->imports().size(); ++id) {
    const bind::ImportRecord& record = module.index->import(id);
    if (record.kind != bind::ImportKind::Star || record.has(bind::ImportUnreachable)) continue;
    const BoundModule* target = provider_.importedModule(module, id);
    if (!target || target == &module) continue;
    // `import *` brings __all__ when defined, else the public names.
    const bind::DunderAll& all = target->index->dunderAll();
    if (all.defined && all.understood) {
      if (std::find(all.names.begin(), all.names.end(), name) == all.names.end()) continue;
    } else if (underscore) {
      continue;
    }
    ++depth;
    bool found = false;
    const Type* t = moduleMember(*target, name, &found);
    --depth;
    if (found && t) return t;
  }
  return nullptr;
}

const Type* EvaluatorImpl::builtinType(Name name) {
  const BoundModule* builtins = builtinsModule();
  if (!builtins) return nullptr;
  SymbolId symbol = builtins->index->localSymbol(bind::moduleScopeId, name);
  if (symbol == bind::noId || !builtins->index->symbol(symbol).isScopeName()) return nullptr;
  const Type* t = effectiveTypeOfSymbol(typesOf(*builtins), symbol);
  return t->kind == TypeKind::Unbound ? nullptr : t;
}

const Type* EvaluatorImpl::importedType(ModuleTypes& mt, const Declaration& decl) {
  if (decl.import == bind::noId) return unknown();
  const bind::ImportRecord& record = mt.index.import(decl.import);
  if (record.kind == bind::ImportKind::From)
    if (const BoundModule* sub = provider_.importedSubmodule(mt.module, decl.import))
      return arena_.module(sub, sub->name);
  const BoundModule* target = provider_.importedModule(mt.module, decl.import);
  if (!target) return unknown();
  // A name `from m import *` brought in is m's name.
  if (record.kind == bind::ImportKind::Star) {
    bool found = false;
    const Type* t = moduleMember(*target, mt.index.symbol(decl.symbol).name, &found);
    return found && t ? t : unknown();
  }
  // `from . import x` may name a submodule rather than an attribute.
  if (target == &mt.module) {
    if (const BoundModule* sub = provider_.submodule(*target, record.name))
      return arena_.module(sub, sub->name);
  }
  bool found = false;
  const Type* t = moduleMember(*target, record.name, &found);
  return found && t ? t : unknown();
}

// ---- assignment targets ----------------------------------------------------------------------

namespace {

// The statement (or other binding construct) that assigns `target`, and the whole target
// expression the statement names (target itself, or a tuple/list that contains it).
struct BindingSite {
  const Node* site = nullptr;
  const Expr* root = nullptr;
};

BindingSite bindingSiteOf(const Node* target) {
  const Node* child = target;
  const Node* parent = target->parent;
  while (parent && (parent->is<Tuple>() || parent->is<ListExpr>() || parent->is<Starred>())) {
    child = parent;
    parent = parent->parent;
  }
  return {parent, child->is<Expr>() ? static_cast<const Expr*>(child) : nullptr};
}

} // namespace

const Type* EvaluatorImpl::assignedTypeOfTarget(ModuleTypes& mt, const Node* target) {
  if (!target) return unknown();
  if (auto handler = target->as<ExceptHandler>()) {
    if (!handler->type) return unknown();
    const Type* classes = typeOf(mt, handler->type);
    auto instanceOfClasses = [&](const Type* t) -> const Type* {
      std::vector<const Type*> out;
      auto addClass = [&](const Type* c) {
        if (auto co = c->as<ClassObjectType>())
          out.push_back(co->instance);
        else
          out.push_back(unknown());
      };
      for (const Type* m : unionMembersOrSelf(t)) {
        if (auto inst = m->as<InstanceType>(); inst && inst->hasTupleElements()) {
          for (const TupleElement& e : inst->tupleElements)
            for (const Type* c : unionMembersOrSelf(e.type)) addClass(c);
        } else if (auto inst2 = m->as<InstanceType>();
                   inst2 && inst2->cls->qualifiedName == "builtins.tuple") {
          out.push_back(inst2->typeArgs.empty() ? unknown() : unknown());
        } else {
          addClass(m);
        }
      }
      return arena_.unionOf(out);
    };
    const Type* result = instanceOfClasses(classes);
    // `except* E as g` binds an ExceptionGroup of E.
    if (auto tryStmt = handler->parent ? handler->parent->as<Try>() : nullptr;
        tryStmt && tryStmt->isStar) {
      if (const ClassInfo* group = classNamed("builtins", "ExceptionGroup")) {
        const Type* args[] = {result};
        return arena_.instance(group, args);
      }
    }
    return result;
  }
  if (target->is<MatchAs>() || target->is<MatchStar>() || target->is<MatchMapping>()) {
    // Captures: the subject narrowed by the enclosing pattern.
    const Node* n = target;
    while (n && !n->is<MatchCase>()) n = n->parent;
    auto matchCase = n ? n->as<MatchCase>() : nullptr;
    auto match = matchCase && matchCase->parent ? matchCase->parent->as<Match>() : nullptr;
    if (!match) return unknown();
    const Type* subject = typeOf(mt, match->subject);
    if (auto as = target->as<MatchAs>()) {
      if (as->pattern) return narrowForPattern(mt, subject, as->pattern, true);
      if (target->parent == matchCase) return subject;
      // A capture inside a sequence or class pattern: approximate by its own position.
      if (auto seq = target->parent ? target->parent->as<MatchSequence>() : nullptr) {
        (void)seq;
        const Type* element = iterate(mt, subject, target, false, false);
        return element;
      }
      return unknown();
    }
    if (target->is<MatchStar>()) {
      const Type* element = iterate(mt, subject, target, false, false);
      const Type* args[] = {element};
      if (auto l = instanceOf(KnownClass::List, args)) return l;
      return unknown();
    }
    const Type* args[] = {unknown(), unknown()};
    if (auto d = instanceOf(KnownClass::Dict, args)) return d;
    return unknown();
  }
  auto targetExpr = target->as<Expr>() ? static_cast<const Expr*>(target) : nullptr;
  if (!targetExpr) return unknown();
  BindingSite binding = bindingSiteOf(target);
  const Node* site = binding.site;
  if (!site) return unknown();

  const Type* whole = nullptr;
  if (auto assign = site->as<Assign>()) {
    // The declared type of a plain name target guides the value (x: list[float] = [1]).
    const Type* expected = nullptr;
    if (binding.root == targetExpr) {
      if (auto name = targetExpr->as<NameExpr>()) {
        if (const bind::Reference* ref = mt.index.referenceOf(name);
            ref && ref->symbol != bind::noId)
          expected = declaredTypeOfSymbol(mt, ref->symbol);
      } else if (auto attr = targetExpr->as<Attribute>()) {
        const Type* object = typeOf(mt, attr->value);
        if (auto inst = object->as<InstanceType>()) {
          MemberLookup m = lookupClassMember(inst->cls, inst, attr->attr.name, false);
          if (m.found()) {
            ModuleTypes& owner = typesOf(*m.module);
            if (const Type* d = declaredTypeOfSymbol(owner, m.symbol))
              expected = specializeMember(d, m.owner);
          }
        }
      }
    }
    whole =
        memo(mt, MemoKey{assign, reinterpret_cast<uintptr_t>(expected), MemoKind::AssignedValue},
             unknown(), [&] { return typeOf(mt, assign->value, expected); });
  } else if (auto ann = site->as<AnnAssign>()) {
    if (!ann->value) return unknown();
    const Type* declared = typeOfAnnotation(mt, ann->annotation);
    bool isFinal = annotationHasQualifier(mt, ann->annotation, SpecialForm::Final);
    if (annotationHasQualifier(mt, ann->annotation, SpecialForm::TypeAlias))
      return explicitAliasValue(mt, ann->value);
    const Type* value = typeOf(mt, ann->value, declared->isAnyOrUnknown() ? nullptr : declared);
    if (isFinal && declared->isAnyOrUnknown()) return value;
    whole = narrowTypeForAssignment(declared, value);
  } else if (auto aug = site->as<AugAssign>()) {
    const Type* left = augmentedTargetType(mt, aug->target);
    const Type* right = typeOf(mt, aug->value);
    whole = binaryOperation(mt, left, right, aug->op, aug, true);
  } else if (auto loop = site->as<For>()) {
    whole = iterate(mt, typeOf(mt, loop->iter), loop->iter, loop->isAsync, false);
  } else if (auto comp = site->as<Comprehension>()) {
    whole = iterate(mt, typeOf(mt, comp->iter), comp->iter, comp->isAsync, false);
  } else if (auto item = site->as<WithItem>()) {
    bool isAsync = item->parent && item->parent->is<With>() && item->parent->as<With>()->isAsync;
    whole = enterContext(mt, typeOf(mt, item->contextExpr), item->contextExpr, isAsync);
  } else if (auto named = site->as<NamedExpr>()) {
    whole = typeOf(mt, named->value);
  } else if (site->is<Delete>()) {
    return arena_.unbound();
  } else {
    return unknown();
  }
  if (binding.root == targetExpr) return whole;
  return typeForSubTarget(binding.root, whole, targetExpr);
}

const Type* EvaluatorImpl::augmentedTargetType(ModuleTypes& mt, const Expr* target) {
  auto name = target->as<NameExpr>();
  if (!name) return typeOf(mt, target);
  const bind::Reference* ref = mt.index.referenceOf(name);
  if (!ref || ref->symbol == bind::noId || ref->flow == bind::noId) return typeOf(mt, target);
  const bind::Symbol& symbol = mt.index.symbol(ref->symbol);
  if (mt.index.executionScope(ref->scope) != mt.index.executionScope(symbol.scope))
    return effectiveTypeOfSymbol(mt, ref->symbol);
  // The name has a read and a store reference, and either may be found. The store's flow
  // node is the augmented assignment itself: read from just before it. The read's is what
  // came before the statement, which may be another assignment to the name (`x = 5` then
  // `x -= 2`): that one is not skipped.
  bind::Reference before = *ref;
  const bind::FlowNode& node = mt.index.flow().node(ref->flow);
  if (node.kind == bind::FlowKind::Assignment && node.node == name) before.flow = node.antecedent;
  const Type* declared = declaredTypeOfSymbol(mt, ref->symbol);
  const Type* t = flowType(mt, before, arena_.unbound(), declared);
  if (t->kind == TypeKind::Unbound) return declared ? declared : unknown();
  if (auto u = t->as<UnionType>()) {
    std::vector<const Type*> bound;
    for (const Type* m : u->members)
      if (m->kind != TypeKind::Unbound) bound.push_back(m);
    t = bound.empty() ? unknown() : arena_.unionOf(bound);
  }
  return t;
}

const Type* EvaluatorImpl::typeForSubTarget(const Expr* root, const Type* source,
                                            const Expr* target) {
  if (root == target) return source;
  if (auto starred = root->as<Starred>()) return typeForSubTarget(starred->value, source, target);
  List<Expr*> elts;
  if (auto t = root->as<Tuple>())
    elts = t->elts;
  else if (auto l = root->as<ListExpr>())
    elts = l->elts;
  else
    return unknown();
  // Which element of the root contains the target?
  size_t index = elts.size();
  for (size_t i = 0; i < elts.size(); ++i) {
    for (const Node* n = target; n && n != root; n = n->parent) {
      if (n == elts[i]) {
        index = i;
        break;
      }
    }
    if (index != elts.size()) break;
  }
  if (index == elts.size()) return unknown();
  size_t starIndex = elts.size();
  for (size_t i = 0; i < elts.size(); ++i)
    if (elts[i]->is<Starred>()) starIndex = i;

  // Each member of the source gives the targets its entries (pyright's rule); the entries meant
  // for our target are joined, and a starred target is the list of that join.
  std::vector<const Type*> results;
  for (const Type* member : unionMembersOrSelf(source)) {
    auto inst = member->as<InstanceType>();
    if (inst && inst->hasTupleElements()) {
      // A tuple of another size still fills the targets it reaches (the checker reports it).
      auto entries =
          tupleEntriesForTargets(inst->tupleElements, elts.size(), starIndex, root->is<ListExpr>());
      if (index < entries.size()) results.push_back(entries[index]);
    } else if (member->isAnyOrUnknown()) {
      results.push_back(member);
    } else {
      const Type* element = nullptr;
      // Iterating needs a module for diagnostics; none are reported here.
      if (const BoundModule* b = builtinsModule())
        element = iterate(typesOf(*b), member, nullptr, false, false);
      results.push_back(element ? element : unknown());
    }
  }
  const Type* elementType = results.empty() ? unknown() : arena_.unionOf(results);
  if (index == starIndex) {
    const Type* args[] = {elementType};
    return instanceOf(KnownClass::List, args);
  }
  const Expr* sub = elts[index];
  if (sub != target) return typeForSubTarget(sub, elementType, target);
  return elementType;
}

std::vector<const Type*> EvaluatorImpl::tupleEntriesForTargets(std::span<const TupleElement> source,
                                                               size_t targets, size_t starIndex,
                                                               bool listTarget) {
  std::vector<const Type*> entries;
  size_t unbounded = source.size();
  for (size_t i = 0; i < source.size(); ++i) {
    entries.push_back(source[i].type);
    if (source[i].unbounded && unbounded == source.size()) unbounded = i;
  }
  // An unbounded entry stands for as many entries as the targets need, or for none when the
  // tuple is already longer than the targets.
  if (unbounded != source.size()) {
    const Type* repeated = entries[unbounded];
    while (entries.size() < targets)
      entries.insert(entries.begin() + static_cast<std::ptrdiff_t>(unbounded), repeated);
    if (entries.size() > targets)
      entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(unbounded));
  }
  // A starred target takes the surplus entries joined (literals dropped for a list target), or
  // Never when there is none.
  if (starIndex < targets) {
    if (entries.size() > targets) {
      auto first = entries.begin() + static_cast<std::ptrdiff_t>(starIndex);
      auto last = first + static_cast<std::ptrdiff_t>(entries.size() - targets + 1);
      std::vector<const Type*> surplus(first, last);
      const Type* joined = arena_.unionOf(surplus);
      if (listTarget) joined = stripLiteral(joined, arena_);
      entries.erase(first, last);
      entries.insert(entries.begin() + static_cast<std::ptrdiff_t>(starIndex), joined);
    } else if (entries.size() + 1 == targets) {
      entries.insert(entries.begin() + static_cast<std::ptrdiff_t>(starIndex), arena_.never());
    }
  }
  return entries;
}

} // namespace shrike::checker
