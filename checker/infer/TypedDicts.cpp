// TypedDicts: what TypedDict classes mean — their items (class syntax and the functional
// form), dict displays and constructor calls checked against the items, subscripts with
// literal keys, and the methods whose signatures depend on the items (get, pop...).
//
//     class Movie(TypedDict):
//         name: str
//         year: NotRequired[int]
//     m: Movie = {"name": "Alien"}          a dict display becomes a Movie when its keys fit
//     m["year"]                             int (a literal key picks the item)
//     m["title"]                            error: "title" is not a defined key in "Movie"
//     Movie(name="Alien", year="1979")      error: "year" takes an int
#include <algorithm>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

bool boolKeyword(const ClassDef* def, std::string_view name, bool fallback) {
  for (const Keyword* k : def->keywords)
    if (k->name.name.text() == name && k->value)
      if (auto b = k->value->as<BoolLiteral>()) return b->value;
  return fallback;
}

const Keyword* keywordNamed(List<Keyword*> keywords, std::string_view name) {
  for (const Keyword* k : keywords)
    if (k->name.name.text() == name) return k;
  return nullptr;
}

// The string values a key type stands for: Literal["a"] or Literal["a", "b"]; empty when any
// member is not a string literal.
std::vector<std::string_view> literalKeys(const Type* key) {
  std::vector<std::string_view> keys;
  for (const Type* m : unionMembersOrSelf(key)) {
    auto inst = m->as<InstanceType>();
    if (!inst || inst->literal.kind != LiteralKind::Str) return {};
    keys.push_back(inst->literal.text);
  }
  return keys;
}

} // namespace

// ---- schemas ---------------------------------------------------------------------------------

const InstanceType* EvaluatorImpl::asTypedDict(const Type* type) {
  auto inst = type ? type->as<InstanceType>() : nullptr;
  if (!inst || !classDetails(inst->cls).has(ClassTypedDict)) return nullptr;
  if (inst->cls->qualifiedName == "typing._TypedDict") return nullptr;
  return inst;
}

void EvaluatorImpl::typedDictItemOf(ModuleTypes& mt, const Expr* annotation, bool total,
                                    TypedDictItem& item) {
  item.type = typeOfAnnotation(mt, annotation, mt.module.isStub);
  if (annotationHasQualifier(mt, annotation, SpecialForm::Required))
    item.required = true;
  else if (annotationHasQualifier(mt, annotation, SpecialForm::NotRequired))
    item.required = false;
  else
    item.required = total;
  item.readOnly = annotationHasQualifier(mt, annotation, SpecialForm::ReadOnly);
}

// The items a class statement declares itself (statically reachable annotations).
static void ownClassItems(EvaluatorImpl& e, ModuleTypes& mt, List<Stmt*> body, bool total,
                          std::vector<TypedDictItem>& items) {
  for (const Stmt* stmt : body) {
    if (mt.index.isUnreachable(stmt->range.start)) continue;
    if (auto i = stmt->as<If>()) {
      ownClassItems(e, mt, i->body, total, items);
      ownClassItems(e, mt, i->orelse, total, items);
      continue;
    }
    auto ann = stmt->as<AnnAssign>();
    if (!ann || !ann->target->is<NameExpr>()) continue;
    TypedDictItem item;
    item.name = ann->target->as<NameExpr>()->id;
    e.typedDictItemOf(mt, ann->annotation, total, item);
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const TypedDictItem& x) { return x.name == item.name; });
    if (it != items.end())
      *it = item;
    else
      items.push_back(item);
  }
}

// extra_items=T / closed=True of a class statement or functional call.
void EvaluatorImpl::typedDictExtraOf(ModuleTypes& mt, List<Keyword*> keywords,
                                     TypedDictSchema& schema) {
  if (const Keyword* k = keywordNamed(keywords, "closed"); k && k->value) {
    if (auto b = k->value->as<BoolLiteral>()) {
      if (b->value) {
        schema.extraItems = arena_.never();
        schema.extraReadOnly = false;
      } else {
        schema.extraItems = nullptr;
      }
    }
  }
  if (const Keyword* k = keywordNamed(keywords, "extra_items"); k && k->value) {
    schema.extraItems = typeOfAnnotation(mt, k->value);
    schema.extraReadOnly = annotationHasQualifier(mt, k->value, SpecialForm::ReadOnly);
  }
}

const TypedDictSchema* EvaluatorImpl::typedDictSchema(const ClassInfo* cls) {
  // Asked of every class an instance is assigned to or from: answer the common "not a
  // TypedDict" before taking the lock.
  const ClassDetails& details = classDetails(cls);
  if (!details.has(ClassTypedDict) || cls->qualifiedName == "typing._TypedDict") return nullptr;
  {
    std::lock_guard lock(typedDictMutex_);
    auto it = typedDictSchemas_.find(cls);
    if (it != typedDictSchemas_.end()) return it->second.get();
  }
  // A schema asked for while it is computed (an item's type needs the class's items): the
  // answer so far is none.
  thread_local std::vector<const ClassInfo*> inProgress;
  if (std::find(inProgress.begin(), inProgress.end(), cls) != inProgress.end()) {
    static const TypedDictSchema empty;
    return &empty;
  }
  inProgress.push_back(cls);
  auto schema = std::make_unique<TypedDictSchema>();
  // Bases first: their items (specialized relative to this class), then this class's own.
  for (size_t i = details.mro.size(); i-- > 0;) {
    auto entry = details.mro[i]->as<InstanceType>();
    if (!entry || !classDetails(entry->cls).has(ClassTypedDict) ||
        entry->cls->qualifiedName == "typing._TypedDict")
      continue;
    std::vector<TypedDictItem> own;
    TypedDictSchema extra = *schema;
    if (auto def = static_cast<const ClassDef*>(entry->cls->decl)) {
      const BoundModule* module = moduleOfClass(entry->cls);
      if (!module) continue;
      ModuleTypes& mt = typesOf(*module);
      ownClassItems(*this, mt, def->body, boolKeyword(def, "total", true), own);
      typedDictExtraOf(mt, def->keywords, extra);
    } else {
      const Call* call = nullptr;
      {
        std::lock_guard lock(typedDictMutex_);
        auto it = typedDictCalls_.find(entry->cls);
        if (it != typedDictCalls_.end()) call = it->second;
      }
      const BoundModule* module = call ? moduleOfClass(entry->cls) : nullptr;
      if (!module) continue;
      ModuleTypes& mt = typesOf(*module);
      bool total = true;
      if (const Keyword* k = keywordNamed(call->keywords, "total"); k && k->value)
        if (auto b = k->value->as<BoolLiteral>()) total = b->value;
      if (call->args.size() >= 2) {
        if (auto dict = call->args[1]->as<Dict>()) {
          for (size_t k = 0; k < dict->keys.size() && k < dict->values.size(); ++k) {
            auto key = dict->keys[k] ? dict->keys[k]->as<StringLiteral>() : nullptr;
            if (!key) continue;
            TypedDictItem item;
            item.name = intern(key->value);
            typedDictItemOf(mt, dict->values[k], total, item);
            own.push_back(item);
          }
        }
      } else {
        // The deprecated keyword form: TypedDict("Movie", name=str, year=int).
        for (const Keyword* k : call->keywords) {
          std::string_view n = k->name.name.text();
          if (n == "total" || n == "closed" || n == "extra_items" || !k->value) continue;
          TypedDictItem item;
          item.name = k->name.name;
          typedDictItemOf(mt, k->value, total, item);
          own.push_back(item);
        }
      }
      typedDictExtraOf(mt, call->keywords, extra);
    }
    schema->extraItems = extra.extraItems;
    schema->extraReadOnly = extra.extraReadOnly;
    for (TypedDictItem item : own) {
      if (entry->cls != cls) item.type = specializeMember(item.type, entry);
      auto it = std::find_if(schema->items.begin(), schema->items.end(),
                             [&](const TypedDictItem& x) { return x.name == item.name; });
      if (it != schema->items.end())
        *it = item;
      else
        schema->items.push_back(item);
    }
  }
  inProgress.pop_back();
  std::lock_guard lock(typedDictMutex_);
  auto [it, inserted] = typedDictSchemas_.emplace(cls, std::move(schema));
  return it->second.get();
}

std::vector<TypedDictItem> EvaluatorImpl::typedDictItems(const InstanceType* td) {
  const TypedDictSchema* schema = typedDictSchema(td->cls);
  if (!schema) return {};
  std::vector<TypedDictItem> items = schema->items;
  for (TypedDictItem& item : items) item.type = specializeMember(item.type, td);
  return items;
}

// ---- the functional form ---------------------------------------------------------------------

const Type* EvaluatorImpl::typedDictFromCall(ModuleTypes& mt, const Call* call) {
  Name className;
  if (!call->args.empty())
    if (auto s = call->args[0]->as<StringLiteral>()) className = intern(s->value);
  if (!className) {
    for (const Expr* a : call->args) typeOf(mt, a);
    report(mt, Rule::InvalidTypedDict, call->range,
           "Expected a TypedDict class name as the first argument");
    return unknown();
  }
  {
    std::lock_guard lock(synthesizedMutex_);
    auto it = synthesized_.find(call);
    if (it != synthesized_.end()) return arena_.classObject(arena_.instance(it->second));
  }
  // The name must be the one it is assigned to.
  if (auto assign = call->parent ? call->parent->as<Assign>() : nullptr;
      assign && assign->targets.size() == 1 && assign->value == call) {
    if (auto target = assign->targets[0]->as<NameExpr>(); target && target->id != className)
      report(mt, Rule::InvalidTypedDict, call->args[0]->range,
             "TypedDict must be assigned to a variable named \"" + std::string(className.text()) +
                 "\"");
  }
  if (call->args.size() >= 2) {
    if (auto dict = call->args[1]->as<Dict>()) {
      for (size_t k = 0; k < dict->keys.size(); ++k) {
        if (!dict->keys[k] || !dict->keys[k]->is<StringLiteral>())
          report(mt, Rule::InvalidTypedDict, dict->keys[k] ? dict->keys[k]->range : dict->range,
                 "Expected a string literal for a TypedDict key");
      }
    } else {
      typeOf(mt, call->args[1]);
      report(mt, Rule::InvalidTypedDict, call->args[1]->range,
             "Expected a dict display of items as the second argument of TypedDict");
    }
    for (const Keyword* k : call->keywords) {
      std::string_view n = k->name.name.text();
      if (n != "total" && n != "closed" && n != "extra_items")
        report(mt, Rule::InvalidTypedDict, k->range,
               "\"" + std::string(n) + "\" is not a parameter of TypedDict");
    }
  }
  for (size_t i = 2; i < call->args.size(); ++i)
    report(mt, Rule::InvalidTypedDict, call->args[i]->range,
           "TypedDict takes a name and a dict of items");

  std::string qualified = std::string(mt.module.name.text()) + "." + std::string(className.text());
  ClassInfo* info = arena_.newClass(className, qualified, nullptr, &mt.module);
  publishSynthesizedTypedDictDetails(info);
  {
    std::lock_guard lock(typedDictMutex_);
    typedDictCalls_.emplace(info, call);
  }
  std::lock_guard lock(synthesizedMutex_);
  auto [it, inserted] = synthesized_.emplace(call, info);
  return arena_.classObject(arena_.instance(it->second));
}

// ---- dict displays and constructor calls -----------------------------------------------------

bool EvaluatorImpl::typedDictEntriesFit(ModuleTypes& mt, const InstanceType* td,
                                        std::span<const TypedDictEntry> entries,
                                        const Node* errorNode, bool reportErrors,
                                        std::string* why) {
  std::vector<TypedDictItem> items = typedDictItems(td);
  const TypedDictSchema* schema = typedDictSchema(td->cls);
  std::vector<bool> seen(items.size(), false);
  bool ok = true;
  auto fail = [&](TextRange range, Rule rule, std::string message) {
    if (why && ok) *why = message;
    ok = false;
    if (reportErrors) report(mt, rule, range, std::move(message));
  };
  std::string tdName = show(td);
  for (const TypedDictEntry& entry : entries) {
    if (entry.spread) {
      // **other: a TypedDict's items are provided (and checked like keys).
      const Type* t = typeOf(mt, entry.value);
      auto other = asTypedDict(t);
      if (!other) {
        if (!t->isAnyOrUnknown())
          fail(entry.range, Rule::InvalidArgumentType,
               "Cannot unpack \"" + show(t) + "\" into \"" + tdName + "\"");
        if (t->isAnyOrUnknown()) std::fill(seen.begin(), seen.end(), true);
        continue;
      }
      for (const TypedDictItem& have : typedDictItems(other)) {
        auto it = std::find_if(items.begin(), items.end(),
                               [&](const TypedDictItem& x) { return x.name == have.name; });
        if (it == items.end()) {
          if (!schema || !schema->extraItems || !isAssignable(schema->extraItems, have.type, *this))
            fail(entry.range, Rule::InvalidKey,
                 "\"" + std::string(have.name.text()) + "\" is not a defined key in \"" + tdName +
                     "\"");
          continue;
        }
        if (!isAssignable(it->type, have.type, *this))
          fail(entry.range, Rule::InvalidArgumentType,
               "Type \"" + show(have.type) + "\" is not assignable to item \"" +
                   std::string(have.name.text()) + "\" of type \"" + show(it->type) + "\"");
        if (have.required) seen[it - items.begin()] = true;
      }
      continue;
    }
    Name key = entry.keyword;
    if (!key) {
      const Type* keyType = typeOf(mt, entry.key);
      std::vector<std::string_view> keys = literalKeys(keyType);
      if (keys.size() != 1) {
        typeOf(mt, entry.value);
        fail(entry.key->range, Rule::InvalidKey,
             "Type \"" + show(keyType) + "\" is not a string literal key of \"" + tdName + "\"");
        continue;
      }
      key = intern(keys[0]);
    }
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const TypedDictItem& x) { return x.name == key; });
    if (it == items.end()) {
      const Type* extra = schema ? schema->extraItems : nullptr;
      const Type* v = typeOf(mt, entry.value, extra);
      if (!extra || !isAssignable(extra, v, *this))
        fail(entry.key ? entry.key->range : entry.range, Rule::InvalidKey,
             "\"" + std::string(key.text()) + "\" is not a defined key in \"" + tdName + "\"");
      continue;
    }
    seen[it - items.begin()] = true;
    const Type* v = entry.valueType ? entry.valueType : typeOf(mt, entry.value, it->type);
    if (!isAssignable(it->type, v, *this)) {
      Assigner assigner(*this);
      fail(entry.value ? entry.value->range : entry.range,
           entry.keyword ? Rule::InvalidArgumentType : Rule::InvalidAssignment,
           "Type \"" + show(v) + "\" is not assignable to item \"" + std::string(key.text()) +
               "\" of type \"" + show(it->type) + "\"");
    }
  }
  for (size_t i = 0; i < items.size(); ++i) {
    if (seen[i] || !items[i].required) continue;
    fail(errorNode->range,
         entries.empty() || !entries[0].keyword ? Rule::InvalidAssignment : Rule::MissingArgument,
         "\"" + std::string(items[i].name.text()) + "\" is required in \"" + tdName + "\"");
  }
  return ok;
}

const Type* EvaluatorImpl::typedDictFromDisplay(ModuleTypes& mt, const Dict* dict,
                                                const Type* expected) {
  if (!expected) return nullptr;
  std::vector<const InstanceType*> candidates;
  for (const Type* m : unionMembersOrSelf(expected))
    if (auto td = asTypedDict(m)) candidates.push_back(td);
  if (candidates.empty()) return nullptr;
  std::vector<TypedDictEntry> entries;
  for (size_t i = 0; i < dict->values.size(); ++i) {
    TypedDictEntry e;
    e.key = i < dict->keys.size() ? dict->keys[i] : nullptr;
    e.value = dict->values[i];
    e.spread = !e.key;
    e.range = e.key ? TextRange{e.key->range.start, e.value->range.end} : e.value->range;
    entries.push_back(e);
  }
  for (const InstanceType* td : candidates) {
    bool fits;
    {
      Speculative guard(*this);
      fits = typedDictEntriesFit(mt, td, entries, dict, false, nullptr);
    }
    if (fits) {
      typedDictEntriesFit(mt, td, entries, dict, false, nullptr);
      return td;
    }
  }
  return nullptr;
}

CallResult EvaluatorImpl::constructTypedDict(ModuleTypes& mt, const InstanceType* td,
                                             std::vector<Argument>& args, const Node* errorNode,
                                             const Type* expected) {
  CallResult result;
  result.returnType = td;
  // Movie({"name": ...}) or Movie(other): a mapping of the items.
  std::vector<Argument> keywords;
  bool positional = false;
  for (Argument& a : args) {
    if (a.keyword || a.doubleStar || a.star) {
      keywords.push_back(a);
      continue;
    }
    positional = true;
    if (!a.expr) continue;
    const Type* t = typeOf(mt, a.expr, td);
    if (!isAssignable(td, t, *this) && !t->isAnyOrUnknown()) {
      report(mt, Rule::InvalidArgumentType, a.range,
             "Argument of type \"" + show(t) + "\" is not assignable to \"" + show(td) + "\"");
      result.argumentErrors = true;
    }
  }
  if (positional && keywords.empty()) return result;
  // Keywords: a signature of keyword-only parameters, one per item (extra items as **kwargs);
  // a generic TypedDict named bare solves its parameters from them.
  const ClassInfo* cls = td->cls;
  bool solve = td->typeArgs.empty() && !classDetails(cls).typeParams.empty();
  const InstanceType* self = solve ? selfInstance(cls) : td;
  FunctionType proto;
  proto.name = cls->name;
  std::vector<Param> params;
  appendTypedDictParams(self, params);
  proto.params = params;
  proto.returnType = self;
  proto.fnFlags = FunctionSynthesized;
  TypeVarSolution initial;
  if (solve) initial.addSolvableScope(cls);
  CallResult r = callFunction(mt, arena_.function(proto), keywords, errorNode, expected, true,
                              solve ? &initial : nullptr);
  result.argumentErrors |= r.argumentErrors;
  result.solution = r.solution;
  result.returnType = solve ? applySolution(self, r.solution, *this, UnsolvedToUnknown) : td;
  return result;
}

void EvaluatorImpl::reportTypedDictClassCheck(ModuleTypes& mt, const Expr* classes) {
  const Type* t = typeOf(mt, classes);
  std::vector<const Type*> members;
  for (const Type* m : unionMembersOrSelf(t)) {
    auto inst = m->as<InstanceType>();
    if (inst && inst->hasTupleElements())
      for (const TupleElement& e : inst->tupleElements) members.push_back(e.type);
    else
      members.push_back(m);
  }
  for (const Type* m : members) {
    auto co = m->as<ClassObjectType>();
    if (co && asTypedDict(co->instance)) {
      report(mt, Rule::InvalidArgumentType, classes->range,
             "TypedDict class \"" + show(co->instance) +
                 "\" cannot be used in an instance or class check");
      return;
    }
  }
}

// ---- **kwargs ---------------------------------------------------------------------------------

bool EvaluatorImpl::expandUnpackedKwargs(ModuleTypes& mt, const Expr* annotation,
                                         std::vector<Param>& params) {
  auto sub = annotation ? annotation->as<Subscript>() : nullptr;
  if (!sub) return false;
  auto form =
      typeOf(mt, sub->value, nullptr, EvalNoSpecialize | EvalTypeForm)->as<SpecialFormType>();
  if (!form || form->form != SpecialForm::Unpack) return false;
  auto td = asTypedDict(typeOfAnnotation(mt, annotation, mt.module.isStub));
  if (!td) return false;
  appendTypedDictParams(td, params);
  return true;
}

void EvaluatorImpl::appendTypedDictParams(const InstanceType* td, std::vector<Param>& params) {
  for (const TypedDictItem& item : typedDictItems(td)) {
    Param p;
    p.name = item.name;
    p.kind = ParamKind::KeywordOnly;
    p.type = item.type;
    p.flags = ParamHasDeclaredType | ParamUnpackedKwargs;
    if (!item.required) {
      p.flags |= ParamHasDefault;
      p.defaultText = "...";
    }
    params.push_back(p);
  }
  // Extra items are more keywords, of their type.
  if (const TypedDictSchema* schema = typedDictSchema(td->cls);
      schema && schema->extraItems && !schema->extraItems->isNever()) {
    Param p;
    p.name = intern("kwargs");
    p.kind = ParamKind::VarKeyword;
    p.type = specializeMember(schema->extraItems, td);
    p.flags = ParamHasDeclaredType | ParamUnpackedKwargs;
    params.push_back(p);
  }
}

bool EvaluatorImpl::expandTypedDictArguments(ModuleTypes& mt, std::vector<Argument>& args,
                                             std::vector<Argument>& out) {
  bool any = false;
  for (Argument& a : args) {
    if (!a.doubleStar) continue;
    if (asTypedDict(argumentType(mt, a, nullptr))) any = true;
  }
  if (!any) return false;
  for (Argument& a : args) {
    const InstanceType* td = a.doubleStar ? asTypedDict(argumentType(mt, a, nullptr)) : nullptr;
    if (!td) {
      out.push_back(a);
      continue;
    }
    for (const TypedDictItem& item : typedDictItems(td)) {
      Argument k;
      k.type = item.type;
      k.keyword = item.name;
      k.range = a.range;
      out.push_back(k);
    }
  }
  return true;
}

// ---- subscripts ------------------------------------------------------------------------------

const Type* EvaluatorImpl::typedDictSubscript(ModuleTypes& mt, const InstanceType* td,
                                              const Subscript* sub) {
  const Type* keyType = typeOf(mt, sub->slice);
  std::vector<std::string_view> keys = literalKeys(keyType);
  if (keys.empty()) return nullptr; // a str key reads as the Mapping does
  std::vector<TypedDictItem> items = typedDictItems(td);
  const TypedDictSchema* schema = typedDictSchema(td->cls);
  std::vector<const Type*> results;
  for (std::string_view key : keys) {
    Name name = intern(key);
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const TypedDictItem& x) { return x.name == name; });
    if (it != items.end()) {
      results.push_back(it->type);
      continue;
    }
    if (schema && schema->extraItems) {
      results.push_back(schema->extraItems);
      continue;
    }
    report(mt, Rule::InvalidKey, sub->slice->range,
           "\"" + std::string(key) + "\" is not a defined key in \"" + show(td) + "\"");
    results.push_back(unknown());
  }
  return arena_.unionOf(results);
}

bool EvaluatorImpl::checkTypedDictStore(ModuleTypes& mt, const InstanceType* td,
                                        const Subscript* sub, const Type* value,
                                        TextRange valueRange, bool isDelete) {
  const Type* keyType = typeOf(mt, sub->slice);
  std::vector<std::string_view> keys = literalKeys(keyType);
  std::string tdName = show(td);
  if (keys.empty()) {
    if (keyType->isAnyOrUnknown()) return true;
    if (typedDictIsDictLike(td) && isAssignable(strType(), keyType, *this)) {
      const Type* extra = typedDictSchema(td->cls)->extraItems;
      if (!isDelete && !isAssignable(extra, value, *this))
        report(mt, Rule::InvalidAssignment, valueRange,
               "Type \"" + show(value) + "\" is not assignable to extra items of type \"" +
                   show(extra) + "\"");
      return true;
    }
    report(mt, Rule::InvalidKey, sub->slice->range,
           "Type \"" + show(keyType) + "\" is not a string literal key of \"" + tdName + "\"");
    return true;
  }
  std::vector<TypedDictItem> items = typedDictItems(td);
  const TypedDictSchema* schema = typedDictSchema(td->cls);
  for (std::string_view key : keys) {
    Name name = intern(key);
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const TypedDictItem& x) { return x.name == name; });
    std::string quoted = "\"" + std::string(key) + "\"";
    if (it == items.end()) {
      if (schema && schema->extraItems && !schema->extraReadOnly) {
        if (!isDelete && !isAssignable(schema->extraItems, value, *this))
          report(mt, Rule::InvalidAssignment, valueRange,
                 "Type \"" + show(value) + "\" is not assignable to extra items of type \"" +
                     show(schema->extraItems) + "\"");
        continue;
      }
      report(mt, Rule::InvalidKey, sub->slice->range,
             quoted + " is not a defined key in \"" + tdName + "\"");
      continue;
    }
    if (it->readOnly) {
      report(mt, isDelete ? Rule::InvalidKey : Rule::InvalidAssignment, sub->slice->range,
             quoted + " is a read-only key in \"" + tdName + "\"");
      continue;
    }
    if (isDelete) {
      if (it->required)
        report(mt, Rule::InvalidKey, sub->slice->range,
               quoted + " is a required key in \"" + tdName + "\" and cannot be deleted");
      continue;
    }
    if (!isAssignable(it->type, value, *this))
      report(mt, Rule::InvalidAssignment, valueRange,
             "Type \"" + show(value) + "\" is not assignable to item " + quoted + " of type \"" +
                 show(it->type) + "\"");
  }
  return true;
}

void EvaluatorImpl::publishSynthesizedTypedDictDetails(ClassInfo* info) {
  ClassDetails details;
  std::vector<const Type*> mro{arena_.instance(info)};
  std::vector<const Type*> bases;
  if (const ClassInfo* base = classNamed("typing", "_TypedDict")) {
    bases.push_back(arena_.instance(base));
    for (const Type* e : classDetails(base).mro) mro.push_back(e);
  }
  details.bases = bases;
  details.mro = mro;
  details.flags = ClassTypedDict | ClassSynthesized;
  arena_.publishDetails(info, details);
}

} // namespace shrike::checker
