// TypeArena: hash-consing of types in a sharded table, and the union-forming rules.
#include "checker/types/TypeArena.h"

#include <algorithm>
#include <cstring>
#include <unordered_set>

namespace shrike::checker {

namespace {

inline uint32_t mix(uint32_t h, uint64_t v) {
  v ^= v >> 33;
  v *= 0xff51afd7ed558ccdULL;
  v ^= v >> 33;
  return (h ^ static_cast<uint32_t>(v) ^ static_cast<uint32_t>(v >> 32)) * 0x9E3779B1u +
         0x7F4A7C15u;
}
inline uint32_t mixPtr(uint32_t h, const void* p) {
  return mix(h, reinterpret_cast<uintptr_t>(p));
}
inline uint32_t mixText(uint32_t h, std::string_view s) {
  return mix(h, std::hash<std::string_view>()(s));
}
template <class T> uint32_t mixSpan(uint32_t h, std::span<const T* const> items) {
  h = mix(h, items.size());
  for (const T* item : items) h = mixPtr(h, item);
  return h;
}

uint32_t hashOf(const Type& t) {
  uint32_t h = mix(static_cast<uint32_t>(t.kind), t.flags);
  switch (t.kind) {
  case TypeKind::Instance: {
    auto& i = static_cast<const InstanceType&>(t);
    h = mixPtr(h, i.cls);
    h = mixSpan(h, i.typeArgs);
    h = mix(h, i.tupleElements.size());
    for (const TupleElement& e : i.tupleElements) h = mix(mixPtr(h, e.type), e.unbounded);
    h = mix(h, static_cast<uint64_t>(i.literal.kind));
    h = mix(h, static_cast<uint64_t>(i.literal.intValue));
    h = mixText(h, i.literal.text);
    return h;
  }
  case TypeKind::ClassObject: return mixPtr(h, static_cast<const ClassObjectType&>(t).instance);
  case TypeKind::Module: return mixPtr(h, static_cast<const ModuleType&>(t).module);
  case TypeKind::Function: {
    auto& f = static_cast<const FunctionType&>(t);
    h = mix(h, f.name.id);
    h = mix(h, f.fnFlags);
    h = mix(h, f.params.size());
    for (const Param& p : f.params) {
      h = mix(h, p.name.id);
      h = mix(h, (static_cast<uint32_t>(p.kind) << 8) | p.flags);
      h = mixPtr(h, p.type);
      h = mixText(h, p.defaultText);
    }
    h = mixPtr(h, f.returnType);
    h = mixPtr(h, f.decl);
    h = mixPtr(h, f.module);
    h = mixPtr(h, f.boundTo);
    h = mixPtr(h, f.paramSpec);
    h = mixPtr(h, f.typeVarScope);
    h = mixPtr(h, f.methodClass);
    return h;
  }
  case TypeKind::Overloaded: {
    auto& o = static_cast<const OverloadedType&>(t);
    return mixPtr(mixSpan(h, o.overloads), o.implementation);
  }
  case TypeKind::Union: return mixSpan(h, static_cast<const UnionType&>(t).members);
  case TypeKind::TypeVar: {
    auto& v = static_cast<const TypeVarType&>(t);
    h = mix(h, v.name.id);
    h = mix(h, (static_cast<uint32_t>(v.tvKind) << 8) | static_cast<uint32_t>(v.variance));
    h = mixPtr(h, v.bound);
    h = mixSpan(h, v.constraints);
    h = mixPtr(h, v.defaultType);
    h = mixPtr(h, v.scope);
    h = mix(h, v.scopeName.id);
    return h;
  }
  case TypeKind::SpecialForm:
    return mix(h, static_cast<uint32_t>(static_cast<const SpecialFormType&>(t).form));
  case TypeKind::Property: {
    auto& p = static_cast<const PropertyType&>(t);
    return mixPtr(mixPtr(mixPtr(h, p.getter), p.setter), p.deleter);
  }
  case TypeKind::TypeAlias: {
    auto& a = static_cast<const TypeAliasType&>(t);
    return mixSpan(mixPtr(mixPtr(mix(h, a.name.id), a.decl), a.module), a.typeArgs);
  }
  case TypeKind::TypeGuard: return mixPtr(h, static_cast<const TypeGuardType&>(t).narrowed);
  default: return h;
  }
}

template <class T> bool sameSpan(std::span<const T> a, std::span<const T> b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

} // namespace

bool TypeArena::Equal::operator()(const Type* a, const Type* b) const {
  if (a == b) return true;
  if (a->kind != b->kind || a->flags != b->flags || a->hash != b->hash) return false;
  switch (a->kind) {
  case TypeKind::Instance: {
    auto& x = static_cast<const InstanceType&>(*a);
    auto& y = static_cast<const InstanceType&>(*b);
    return x.cls == y.cls && sameSpan(x.typeArgs, y.typeArgs) &&
           sameSpan(x.tupleElements, y.tupleElements) && x.literal == y.literal;
  }
  case TypeKind::ClassObject:
    return static_cast<const ClassObjectType&>(*a).instance ==
           static_cast<const ClassObjectType&>(*b).instance;
  case TypeKind::Module:
    return static_cast<const ModuleType&>(*a).module == static_cast<const ModuleType&>(*b).module &&
           static_cast<const ModuleType&>(*a).name == static_cast<const ModuleType&>(*b).name;
  case TypeKind::Function: {
    auto& x = static_cast<const FunctionType&>(*a);
    auto& y = static_cast<const FunctionType&>(*b);
    return x.name == y.name && x.fnFlags == y.fnFlags && sameSpan(x.params, y.params) &&
           x.returnType == y.returnType && x.decl == y.decl && x.module == y.module &&
           x.boundTo == y.boundTo && x.paramSpec == y.paramSpec &&
           x.typeVarScope == y.typeVarScope && x.methodClass == y.methodClass;
  }
  case TypeKind::Overloaded: {
    auto& x = static_cast<const OverloadedType&>(*a);
    auto& y = static_cast<const OverloadedType&>(*b);
    return sameSpan(x.overloads, y.overloads) && x.implementation == y.implementation;
  }
  case TypeKind::Union:
    return sameSpan(static_cast<const UnionType&>(*a).members,
                    static_cast<const UnionType&>(*b).members);
  case TypeKind::TypeVar: {
    auto& x = static_cast<const TypeVarType&>(*a);
    auto& y = static_cast<const TypeVarType&>(*b);
    return x.name == y.name && x.tvKind == y.tvKind && x.variance == y.variance &&
           x.bound == y.bound && sameSpan(x.constraints, y.constraints) &&
           x.defaultType == y.defaultType && x.scope == y.scope && x.scopeName == y.scopeName;
  }
  case TypeKind::SpecialForm:
    return static_cast<const SpecialFormType&>(*a).form ==
           static_cast<const SpecialFormType&>(*b).form;
  case TypeKind::Property: {
    auto& x = static_cast<const PropertyType&>(*a);
    auto& y = static_cast<const PropertyType&>(*b);
    return x.getter == y.getter && x.setter == y.setter && x.deleter == y.deleter;
  }
  case TypeKind::TypeAlias: {
    auto& x = static_cast<const TypeAliasType&>(*a);
    auto& y = static_cast<const TypeAliasType&>(*b);
    return x.name == y.name && x.decl == y.decl && x.module == y.module &&
           sameSpan(x.typeArgs, y.typeArgs);
  }
  case TypeKind::TypeGuard:
    return static_cast<const TypeGuardType&>(*a).narrowed ==
           static_cast<const TypeGuardType&>(*b).narrowed;
  default: return true;
  }
}

TypeArena::TypeArena() {
  auto simple = [&](TypeKind kind, uint8_t flags = 0) {
    SimpleType proto(kind);
    proto.flags = flags;
    proto.hash = hashOf(proto);
    return intern(proto);
  };
  unknown_ = simple(TypeKind::Unknown);
  any_ = simple(TypeKind::Any);
  never_ = simple(TypeKind::Never);
  noReturn_ = simple(TypeKind::Never, NeverIsNoReturn);
  unbound_ = simple(TypeKind::Unbound);
  none_ = simple(TypeKind::None);
}

TypeArena::~TypeArena() = default;

namespace {

// The slot a hash starts probing at. The low bits chose the shard (the same in every hash of
// a shard), so the probe starts from the high bits.
inline size_t homeSlot(uint32_t hash, size_t mask) {
  return static_cast<size_t>((static_cast<uint64_t>(hash) * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

} // namespace

const Type* TypeArena::intern(const Type& proto) {
  Shard& shard = shards_[proto.hash % shardCount];
  std::lock_guard lock(shard.mutex);
  if (shard.slots.empty()) shard.slots.resize(64);
  size_t mask = shard.slots.size() - 1;
  size_t i = homeSlot(proto.hash, mask);
  Equal equal;
  for (;; i = (i + 1) & mask) {
    const Slot& slot = shard.slots[i];
    if (!slot.type) break;
    if (slot.hash == proto.hash && equal(slot.type, &proto)) return slot.type;
  }
  const Type* copy = clone(proto, shard.arena);
  shard.slots[i] = Slot{proto.hash, copy};
  if (++shard.count * 2 > shard.slots.size()) {
    std::vector<Slot> old(shard.slots.size() * 2);
    old.swap(shard.slots);
    mask = shard.slots.size() - 1;
    for (const Slot& slot : old) {
      if (!slot.type) continue;
      size_t j = homeSlot(slot.hash, mask);
      while (shard.slots[j].type) j = (j + 1) & mask;
      shard.slots[j] = slot;
    }
  }
  return copy;
}

const Type* TypeArena::clone(const Type& proto, parser::Arena& arena) {
  auto copySpan = [&](auto span) {
    using T = std::remove_const_t<typename decltype(span)::element_type>;
    std::span<T> copied = arena.copy(std::span<const T>(span.data(), span.size()));
    return std::span<const T>(copied.data(), copied.size());
  };
  switch (proto.kind) {
  case TypeKind::Instance: {
    auto* t = arena.make<InstanceType>(static_cast<const InstanceType&>(proto));
    t->typeArgs = copySpan(t->typeArgs);
    t->tupleElements = copySpan(t->tupleElements);
    t->literal.text = arena.copyString(t->literal.text);
    return t;
  }
  case TypeKind::ClassObject:
    return arena.make<ClassObjectType>(static_cast<const ClassObjectType&>(proto));
  case TypeKind::Module: return arena.make<ModuleType>(static_cast<const ModuleType&>(proto));
  case TypeKind::Function: {
    auto* t = arena.make<FunctionType>(static_cast<const FunctionType&>(proto));
    std::vector<Param> params(t->params.begin(), t->params.end());
    for (Param& p : params) p.defaultText = arena.copyString(p.defaultText);
    auto copied = arena.copy(params);
    t->params = std::span<const Param>(copied.data(), copied.size());
    return t;
  }
  case TypeKind::Overloaded: {
    auto* t = arena.make<OverloadedType>(static_cast<const OverloadedType&>(proto));
    t->overloads = copySpan(t->overloads);
    return t;
  }
  case TypeKind::Union: {
    auto* t = arena.make<UnionType>(static_cast<const UnionType&>(proto));
    t->members = copySpan(t->members);
    if (t->members.size() > UnionType::kScanLimit) {
      std::vector<const Type*> sorted(t->members.begin(), t->members.end());
      std::sort(sorted.begin(), sorted.end(), std::less<>());
      t->sortedMembers = copySpan(std::span<const Type* const>(sorted));
    }
    return t;
  }
  case TypeKind::TypeVar: {
    auto* t = arena.make<TypeVarType>(static_cast<const TypeVarType&>(proto));
    t->constraints = copySpan(t->constraints);
    return t;
  }
  case TypeKind::SpecialForm:
    return arena.make<SpecialFormType>(static_cast<const SpecialFormType&>(proto));
  case TypeKind::Property: return arena.make<PropertyType>(static_cast<const PropertyType&>(proto));
  case TypeKind::TypeAlias: {
    auto* t = arena.make<TypeAliasType>(static_cast<const TypeAliasType&>(proto));
    t->typeArgs = copySpan(t->typeArgs);
    return t;
  }
  case TypeKind::TypeGuard:
    return arena.make<TypeGuardType>(static_cast<const TypeGuardType&>(proto));
  default: return arena.make<SimpleType>(static_cast<const SimpleType&>(proto));
  }
}

size_t TypeArena::size() const {
  size_t total = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    total += shard.count;
  }
  return total;
}

// ---- instances -------------------------------------------------------------------------------

const InstanceType* TypeArena::instance(const ClassInfo* cls, std::span<const Type* const> args) {
  InstanceType proto;
  proto.cls = cls;
  proto.typeArgs = args;
  proto.hash = hashOf(proto);
  return static_cast<const InstanceType*>(intern(proto));
}

const InstanceType* TypeArena::literal(const ClassInfo* cls, LiteralValue value) {
  InstanceType proto;
  proto.cls = cls;
  proto.literal = value;
  proto.hash = hashOf(proto);
  return static_cast<const InstanceType*>(intern(proto));
}

const InstanceType* TypeArena::literalString(const ClassInfo* strClass) {
  if (!strClass) strClass = stubMissingClass("builtins.str");
  InstanceType proto;
  proto.cls = strClass;
  proto.flags = InstanceLiteralString;
  proto.hash = hashOf(proto);
  return static_cast<const InstanceType*>(intern(proto));
}

const ClassInfo* TypeArena::stubMissingClass(std::string_view qualifiedName) {
  std::lock_guard lock(missingMutex_);
  for (const ClassInfo* c : missing_)
    if (c->qualifiedName == qualifiedName) return c;
  size_t dot = qualifiedName.rfind('.');
  std::string_view shortName =
      dot == std::string_view::npos ? qualifiedName : qualifiedName.substr(dot + 1);
  const ClassInfo* c = newClass(parser::intern(shortName), qualifiedName, nullptr, nullptr);
  missing_.push_back(c);
  return c;
}

const InstanceType* TypeArena::tuple(const ClassInfo* tupleClass,
                                     std::span<const TupleElement> elements, bool unpacked) {
  // Without typeshed there is no builtins.tuple: a tuple still needs a class to be one of.
  if (!tupleClass) tupleClass = stubMissingClass("builtins.tuple");
  std::vector<const Type*> members;
  members.reserve(elements.size());
  for (const TupleElement& e : elements) {
    // *tuple[int, ...] inside contributes its own element types.
    if (auto inner = e.type->as<InstanceType>(); inner && inner->isUnpacked()) {
      for (const TupleElement& ie : inner->tupleElements) members.push_back(ie.type);
      if (!inner->hasTupleElements()) members.push_back(unknown_);
    } else {
      members.push_back(e.type);
    }
  }
  const Type* arg = members.empty() ? never_ : unionOf(members);
  const Type* args[] = {arg};
  InstanceType proto;
  proto.cls = tupleClass;
  proto.typeArgs = args;
  proto.tupleElements = elements;
  proto.flags = InstanceTupleKnown | (unpacked ? InstanceUnpacked : 0);
  proto.hash = hashOf(proto);
  return static_cast<const InstanceType*>(intern(proto));
}

const InstanceType* TypeArena::withTypeArgs(const InstanceType* base,
                                            std::span<const Type* const> args) {
  InstanceType proto = *base;
  proto.typeArgs = args;
  proto.hash = hashOf(proto);
  return static_cast<const InstanceType*>(intern(proto));
}

const InstanceType* TypeArena::withoutLiteral(const InstanceType* type) {
  if (!type->isLiteral() && !(type->flags & InstanceLiteralString)) return type;
  InstanceType proto = *type;
  proto.literal = {};
  proto.flags &= ~InstanceLiteralString;
  proto.hash = hashOf(proto);
  return static_cast<const InstanceType*>(intern(proto));
}

const InstanceType* TypeArena::withUnpacked(const InstanceType* type, bool unpacked) {
  if (type->isUnpacked() == unpacked) return type;
  InstanceType proto = *type;
  proto.flags = unpacked ? (proto.flags | InstanceUnpacked) : (proto.flags & ~InstanceUnpacked);
  proto.hash = hashOf(proto);
  return static_cast<const InstanceType*>(intern(proto));
}

const Type* TypeArena::classObject(const Type* instance) {
  if (auto u = instance->as<UnionType>()) {
    std::vector<const Type*> members;
    for (const Type* m : u->members) members.push_back(classObject(m));
    return rawUnion(members);
  }
  ClassObjectType proto;
  proto.instance = instance;
  proto.hash = hashOf(proto);
  return intern(proto);
}

const ModuleType* TypeArena::module(const void* module, Name name) {
  ModuleType proto;
  proto.module = module;
  proto.name = name;
  proto.hash = hashOf(proto);
  return static_cast<const ModuleType*>(intern(proto));
}

// ---- callables -------------------------------------------------------------------------------

const FunctionType* TypeArena::function(const FunctionType& proto) {
  FunctionType copy = proto;
  copy.kind = TypeKind::Function;
  copy.hash = hashOf(copy);
  return static_cast<const FunctionType*>(intern(copy));
}

const OverloadedType* TypeArena::overloaded(std::span<const FunctionType* const> overloads,
                                            const FunctionType* implementation) {
  OverloadedType proto;
  proto.overloads = overloads;
  proto.implementation = implementation;
  proto.hash = hashOf(proto);
  return static_cast<const OverloadedType*>(intern(proto));
}

// ---- unions ----------------------------------------------------------------------------------

namespace {

bool isBoolClass(const ClassInfo* cls) {
  return cls->qualifiedName == "builtins.bool";
}

// An instance a literal of its class adds nothing to: not a literal, not specialized.
bool isPlainInstance(const InstanceType* e) {
  return !e->isLiteral() && !(e->flags & InstanceLiteralString) && e->typeArgs.empty() &&
         !e->hasTupleElements();
}

// The members of a union being built, with the lookups the joining rules need. Most unions
// have two or three members and are scanned; past kScanLimit the lookups are hashed, so that
// joining a 50,000-element tuple literal's elements stays linear.
struct UnionMembers {
  static constexpr size_t kScanLimit = UnionType::kScanLimit;
  std::vector<const Type*> members;
  std::unordered_set<const Type*> index;             // once past kScanLimit
  std::unordered_set<const ClassInfo*> plainClasses; // once past kScanLimit
  bool hasAnyOrUnknown = false;

  // Any and Unknown count as one member (the first one kept).
  bool contains(const Type* m) const {
    return (m->isAnyOrUnknown() && hasAnyOrUnknown) || containsIdentical(m);
  }

  bool containsIdentical(const Type* m) const {
    if (!hashed()) return std::find(members.begin(), members.end(), m) != members.end();
    return index.count(m) != 0;
  }

  bool hasPlainInstanceOf(const ClassInfo* cls) const {
    if (hashed()) return plainClasses.count(cls) != 0;
    for (const Type* existing : members)
      if (auto e = existing->as<InstanceType>(); e && e->cls == cls && isPlainInstance(e))
        return true;
    return false;
  }

  void push(const Type* m) {
    bool wasHashed = hashed();
    members.push_back(m);
    if (wasHashed) {
      indexMember(m);
    } else if (hashed()) {
      for (const Type* each : members) indexMember(each);
    }
    hasAnyOrUnknown |= m->isAnyOrUnknown();
  }

  // A member was replaced in place (Literal[True] | Literal[False] became bool). The old one
  // stays in the index: a later copy of it is dropped either way, as the new member absorbs it.
  void replaced(const Type* now) {
    if (hashed()) indexMember(now);
  }

private:
  bool hashed() const { return members.size() > kScanLimit; }
  void indexMember(const Type* m) {
    index.insert(m);
    if (auto e = m->as<InstanceType>(); e && isPlainInstance(e)) plainClasses.insert(e->cls);
  }
};

} // namespace

const Type* TypeArena::rawUnion(std::span<const Type* const> types) {
  UnionMembers union_;
  for (const Type* t : types)
    for (const Type* m : unionMembersOrSelf(t))
      if (!union_.containsIdentical(m)) union_.push(m);
  std::vector<const Type*>& members = union_.members;
  if (members.empty()) return never_;
  if (members.size() == 1) return members[0];
  UnionType proto;
  proto.members = members;
  proto.hash = hashOf(proto);
  return intern(proto);
}

const Type* TypeArena::unionOf(std::span<const Type* const> types, bool sortLiterals) {
  if (types.size() == 1) return types[0] ? types[0] : unknown();
  if (types.size() == 2 && types[0] == types[1] && types[0]) return types[0];
  // Flatten; literals go after everything else (stable), as pyright orders them.
  std::vector<const Type*> plain;
  std::vector<const Type*> literals;
  for (const Type* t : types) {
    // A builtin typeshed should define is missing (no typeshed at all): Unknown in its place.
    if (!t) t = unknown();
    for (const Type* m : unionMembersOrSelf(t)) {
      if (m->isNever()) continue;
      auto inst = m->as<InstanceType>();
      (sortLiterals && inst && inst->isLiteral() ? literals : plain).push_back(m);
    }
  }
  UnionMembers union_;
  std::vector<const Type*>& members = union_.members;
  members.reserve(plain.size() + literals.size());
  bool joinedBool = false;
  auto add = [&](const Type* m) {
    if (union_.contains(m)) return;
    if (auto inst = m->as<InstanceType>(); inst && inst->isLiteral()) {
      // A literal adds nothing to its own class (when the class is not specialized).
      if (!isBoolClass(inst->cls)) {
        if (union_.hasPlainInstanceOf(inst->cls)) return;
      } else {
        // bool's members are few; scanned in order, as the first match decides.
        for (const Type*& existing : members) {
          auto e = existing->as<InstanceType>();
          if (!e || e->cls != inst->cls) continue;
          if (isPlainInstance(e)) return;
          // Literal[True] | Literal[False] is bool.
          if (e->isLiteral() && e->literal.intValue != inst->literal.intValue) {
            existing = instance(inst->cls);
            union_.replaced(existing);
            joinedBool = true;
            return;
          }
        }
      }
    }
    union_.push(m);
  };
  for (const Type* m : plain) add(m);
  for (const Type* m : literals) add(m);
  // A bool created by joining literals may duplicate an existing bool.
  if (joinedBool) {
    std::vector<const Type*> unique;
    std::unordered_set<const Type*> seen;
    for (const Type* m : members)
      if (seen.insert(m).second) unique.push_back(m);
    members.swap(unique);
  }
  if (members.empty()) return never_;
  if (members.size() == 1) return members[0];
  UnionType proto;
  proto.members = members;
  proto.hash = hashOf(proto);
  return intern(proto);
}

// ---- the rest --------------------------------------------------------------------------------

const TypeVarType* TypeArena::typeVar(const TypeVarType& proto) {
  TypeVarType copy = proto;
  copy.kind = TypeKind::TypeVar;
  copy.hash = hashOf(copy);
  return static_cast<const TypeVarType*>(intern(copy));
}

const SpecialFormType* TypeArena::specialForm(SpecialForm form) {
  SpecialFormType proto;
  proto.form = form;
  proto.hash = hashOf(proto);
  return static_cast<const SpecialFormType*>(intern(proto));
}

const PropertyType* TypeArena::property(const Type* getter, const Type* setter,
                                        const Type* deleter) {
  PropertyType proto;
  proto.getter = getter;
  proto.setter = setter;
  proto.deleter = deleter;
  proto.hash = hashOf(proto);
  return static_cast<const PropertyType*>(intern(proto));
}

const TypeAliasType* TypeArena::typeAlias(Name name, const void* decl, const void* module,
                                          std::span<const Type* const> typeArgs) {
  TypeAliasType proto;
  proto.name = name;
  proto.decl = decl;
  proto.module = module;
  proto.typeArgs = typeArgs;
  proto.hash = hashOf(proto);
  return static_cast<const TypeAliasType*>(intern(proto));
}

const TypeGuardType* TypeArena::typeGuard(const Type* narrowed, bool isTypeIs) {
  TypeGuardType proto;
  proto.narrowed = narrowed;
  proto.flags = isTypeIs ? TypeGuardIsTypeIs : 0;
  proto.hash = hashOf(proto);
  return static_cast<const TypeGuardType*>(intern(proto));
}

ClassInfo* TypeArena::newClass(Name name, std::string_view qualifiedName, const void* decl,
                               const void* module) {
  std::string_view qualified = text(qualifiedName);
  std::lock_guard lock(classMutex_);
  ClassInfo& cls = classes_.emplace_back();
  cls.name = name;
  cls.qualifiedName = qualified;
  cls.decl = decl;
  cls.module = module;
  return &cls;
}

const ClassDetails* TypeArena::publishDetails(const ClassInfo* cls, const ClassDetails& details) {
  ClassDetails* copy;
  {
    std::lock_guard lock(classMutex_);
    copy = classArena_.make<ClassDetails>(details);
    auto copySpan = [&](auto span) {
      using T = std::remove_const_t<typename decltype(span)::element_type>;
      auto copied = classArena_.copy(std::span<const T>(span.data(), span.size()));
      return std::span<const T>(copied.data(), copied.size());
    };
    copy->bases = copySpan(copy->bases);
    copy->mro = copySpan(copy->mro);
    copy->typeParams = copySpan(copy->typeParams);
    copy->synthesizedFields = copySpan(copy->synthesizedFields);
  }
  const ClassDetails* expected = nullptr;
  auto& slot = const_cast<ClassInfo*>(cls)->details;
  if (slot.compare_exchange_strong(expected, copy, std::memory_order_acq_rel)) return copy;
  return expected;
}

std::string_view TypeArena::text(std::string_view value) {
  std::lock_guard lock(textMutex_);
  auto it = texts_.find(value);
  if (it != texts_.end()) return *it;
  std::string_view copy = textArena_.copyString(value);
  if (copy.data() == nullptr) copy = std::string_view("", 0);
  texts_.insert(copy);
  return copy;
}

std::string_view specialFormName(SpecialForm form) {
  switch (form) {
  case SpecialForm::Any: return "Any";
  case SpecialForm::Union: return "Union";
  case SpecialForm::Optional: return "Optional";
  case SpecialForm::Literal: return "Literal";
  case SpecialForm::LiteralString: return "LiteralString";
  case SpecialForm::Callable: return "Callable";
  case SpecialForm::Annotated: return "Annotated";
  case SpecialForm::Final: return "Final";
  case SpecialForm::ClassVar: return "ClassVar";
  case SpecialForm::Generic: return "Generic";
  case SpecialForm::Protocol: return "Protocol";
  case SpecialForm::TypeGuard: return "TypeGuard";
  case SpecialForm::TypeIs: return "TypeIs";
  case SpecialForm::Self: return "Self";
  case SpecialForm::Never: return "Never";
  case SpecialForm::NoReturn: return "NoReturn";
  case SpecialForm::Concatenate: return "Concatenate";
  case SpecialForm::Unpack: return "Unpack";
  case SpecialForm::Required: return "Required";
  case SpecialForm::NotRequired: return "NotRequired";
  case SpecialForm::ReadOnly: return "ReadOnly";
  case SpecialForm::TypeAlias: return "TypeAlias";
  case SpecialForm::Tuple: return "Tuple";
  case SpecialForm::Type: return "Type";
  case SpecialForm::TypedDict: return "TypedDict";
  case SpecialForm::NamedTuple: return "NamedTuple";
  case SpecialForm::InitVar: return "InitVar";
  }
  return "?";
}

} // namespace shrike::checker
