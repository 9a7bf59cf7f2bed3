// TypedDictMethods: the methods of a TypedDict whose signatures follow its items, made as
// overloads with one literal key each (typeshed's _TypedDict leaves them to the checker).
//
//     class Movie(TypedDict, total=False):
//         name: str
//     m.get("name")            str | None
//     m.get("name", "")        str
//     m.pop("name")            str          (only keys that are not required)
//     m.update(other)          other: a Movie with every key optional, read-only keys Never
#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

// The scope of the `_T` a default argument binds in get/pop (one per method name).
const char getScope = 0;
const char popScope = 0;

Param positional(Name name, const Type* type) {
  Param p;
  p.name = name;
  p.kind = ParamKind::PositionalOnly;
  p.type = type;
  p.flags = ParamHasDeclaredType;
  return p;
}

} // namespace

const Type* EvaluatorImpl::typedDictMethod(const InstanceType* td, Name name) {
  std::string_view method = name.text();
  bool viewMethod = method == "items" || method == "values" || method == "keys";
  bool dictMethod = method == "clear" || method == "popitem";
  if (method != "get" && method != "setdefault" && method != "pop" && method != "__delitem__" &&
      method != "update" && !viewMethod && !dictMethod)
    return nullptr;
  std::vector<TypedDictItem> items = typedDictItems(td);
  const TypedDictSchema* schema = typedDictSchema(td->cls);
  // With declared extra items the values are known: views and dict methods say so.
  const Type* extraItems = schema ? schema->extraItems : nullptr;
  if ((viewMethod || dictMethod) && !extraItems) return nullptr;
  if (dictMethod && !typedDictIsDictLike(td)) return nullptr;
  Name keyName = intern("k");
  Name defaultName = intern("default");
  std::vector<const FunctionType*> overloads;
  auto add = [&](std::vector<Param> params, const Type* returns, const void* scope = nullptr) {
    FunctionType proto;
    proto.name = name;
    proto.params = params;
    proto.returnType = returns;
    proto.fnFlags = FunctionSynthesized | FunctionOverload;
    proto.boundTo = td;
    proto.typeVarScope = scope;
    overloads.push_back(arena_.function(proto));
  };
  auto typeVarIn = [&](const void* scope) {
    TypeVarType proto;
    proto.name = intern("_T");
    proto.scope = scope;
    proto.scopeName = name;
    return arena_.typeVar(proto);
  };
  const Type* none = arena_.none();
  if (method == "get") {
    const TypeVarType* t = typeVarIn(&getScope);
    for (const TypedDictItem& item : items) {
      const Type* key = literalStr(item.name.text());
      // A required key is there: get gives its value (pyright's reading).
      add({positional(keyName, key)}, item.required ? item.type : arena_.unionOf(item.type, none));
      add({positional(keyName, key), positional(defaultName, item.type)}, item.type);
      add({positional(keyName, key), positional(defaultName, t)}, arena_.unionOf(item.type, t),
          &getScope);
    }
    const Type* extra = schema && schema->extraItems ? schema->extraItems : objectOrUnknown();
    add({positional(keyName, strType())}, arena_.unionOf(extra, none));
    add({positional(keyName, strType()), positional(defaultName, arena_.unionOf(extra, t))},
        arena_.unionOf(extra, t), &getScope);
  } else if (method == "setdefault") {
    for (const TypedDictItem& item : items) {
      if (item.readOnly) continue;
      add({positional(keyName, literalStr(item.name.text())), positional(defaultName, item.type)},
          item.type);
    }
  } else if (method == "pop") {
    const TypeVarType* t = typeVarIn(&popScope);
    for (const TypedDictItem& item : items) {
      if (item.required || item.readOnly) continue;
      const Type* key = literalStr(item.name.text());
      add({positional(keyName, key)}, item.type);
      add({positional(keyName, key), positional(defaultName, item.type)}, item.type);
      add({positional(keyName, key), positional(defaultName, t)}, arena_.unionOf(item.type, t),
          &popScope);
    }
  } else if (method == "__delitem__") {
    for (const TypedDictItem& item : items) {
      if (item.required || item.readOnly) continue;
      add({positional(keyName, literalStr(item.name.text()))}, none);
    }
  } else if (method == "update") {
    // A partial TypedDict, pairs of keys and values, or keywords (read-only keys excluded).
    add({positional(intern("m"), typedDictPartial(td))}, none);
    std::vector<const Type*> pairs;
    std::vector<Param> keywords;
    for (const TypedDictItem& item : items) {
      if (item.readOnly) continue;
      TupleElement pair[] = {{literalStr(item.name.text()), false}, {item.type, false}};
      pairs.push_back(tupleOf(pair));
      Param p;
      p.name = item.name;
      p.kind = ParamKind::KeywordOnly;
      p.type = item.type;
      p.flags = ParamHasDeclaredType | ParamHasDefault;
      p.defaultText = "...";
      keywords.push_back(p);
    }
    if (!pairs.empty()) {
      const Type* element = arena_.unionOf(pairs);
      if (auto iterable = instanceOf(KnownClass::Iterable, {&element, 1}))
        add({positional(intern("m"), iterable)}, none);
    }
    add(keywords, none);
  } else {
    // The extra items' type first, then the items' (pyright's order).
    std::vector<const Type*> values{extraItems};
    for (const TypedDictItem& item : items) values.push_back(item.type);
    const Type* value = arena_.unionOf(values);
    if (method == "clear") {
      add({}, none);
    } else if (method == "popitem") {
      TupleElement pair[] = {{strType(), false}, {value, false}};
      add({}, tupleOf(pair));
    } else {
      std::string_view viewName = method == "items"    ? "dict_items"
                                  : method == "values" ? "dict_values"
                                                       : "dict_keys";
      const ClassInfo* view = classNamed("_collections_abc", viewName);
      if (!view) return nullptr;
      const Type* args[] = {strType(), value};
      add({}, arena_.instance(view, args));
    }
  }
  if (overloads.empty()) return nullptr;
  if (overloads.size() == 1) return overloads[0];
  return arena_.overloaded(overloads, nullptr);
}

bool EvaluatorImpl::typedDictIsDictLike(const InstanceType* td) {
  const TypedDictSchema* schema = typedDictSchema(td->cls);
  if (!schema || !schema->extraItems || schema->extraItems->isNever() || schema->extraReadOnly)
    return false;
  for (const TypedDictItem& item : schema->items)
    if (item.required || item.readOnly) return false;
  return true;
}

const InstanceType* EvaluatorImpl::typedDictPartial(const InstanceType* td) {
  {
    std::lock_guard lock(typedDictMutex_);
    auto it = typedDictPartials_.find(td);
    if (it != typedDictPartials_.end()) return it->second;
  }
  auto schema = std::make_unique<TypedDictSchema>();
  for (TypedDictItem item : typedDictItems(td)) {
    // Every key may be left out; a read-only one may not be written at all.
    item.required = false;
    if (item.readOnly) item.type = arena_.never();
    item.readOnly = true;
    schema->items.push_back(item);
  }
  schema->partial = true;
  if (const TypedDictSchema* own = typedDictSchema(td->cls)) {
    schema->extraItems = own->extraItems;
    schema->extraReadOnly = own->extraReadOnly;
  }
  std::string name = "Partial[" + show(td) + "]";
  ClassInfo* info =
      arena_.newClass(intern(name), arena_.text(td->cls->qualifiedName), nullptr, td->cls->module);
  publishSynthesizedTypedDictDetails(info);
  std::lock_guard lock(typedDictMutex_);
  auto existing = typedDictPartials_.find(td);
  if (existing != typedDictPartials_.end()) return existing->second;
  typedDictSchemas_.emplace(info, std::move(schema));
  const InstanceType* partial = arena_.instance(info);
  typedDictPartials_.emplace(td, partial);
  return partial;
}

} // namespace shrike::checker
