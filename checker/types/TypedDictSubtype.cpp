// TypedDictSubtype: structural assignability between TypedDicts (the spec's "type
// consistency" rules, with PEP 705's read-only items and PEP 728's extra items).
//
//     class A(TypedDict): x: int               class B(TypedDict): x: int; y: str
//     a: A = b      # fine: B has every item of A, with the same type and requiredness
//     b: B = a      # error: A has no item "y"
#include "checker/types/ClassHierarchy.h"
#include "checker/types/Subtype.h"
#include "checker/types/TypeArena.h"

namespace shrike::checker {

namespace {

bool isObject(const Type* type) {
  auto inst = type->as<InstanceType>();
  return inst && !inst->isLiteral() && inst->cls->qualifiedName == "builtins.object";
}

} // namespace

bool Assigner::assignTypedDict(const InstanceType* dest, const TypedDictSchema& destSchema,
                               const InstanceType* src, const TypedDictSchema& srcSchema,
                               uint16_t flags) {
  TypeVarSolution destArgs = specializationOf(dest, services_);
  TypeVarSolution srcArgs = specializationOf(src, services_);
  auto destType = [&](const TypedDictItem& item) {
    return applySolution(item.type, destArgs, services_);
  };
  auto srcType = [&](const TypedDictItem& item) {
    return applySolution(item.type, srcArgs, services_);
  };
  uint16_t inner = flags & ~(AssignStripLiterals | AssignInvariant);
  auto fail = [&](std::string why) {
    note_ = std::move(why);
    return false;
  };
  for (const TypedDictItem& want : destSchema.items) {
    std::string key = "\"" + std::string(want.name.text()) + "\"";
    const TypedDictItem* have = srcSchema.find(want.name);
    const Type* wantType = destType(want);
    if (!have) {
      // Only an item nobody may rely on (ReadOnly[NotRequired[object]]) may be missing, or one
      // the source's extra items fit.
      if (srcSchema.extraItems && !want.required) {
        const Type* extra = applySolution(srcSchema.extraItems, srcArgs, services_);
        if (want.readOnly ? assign(wantType, extra, inner) : equivalent(wantType, extra, inner))
          continue;
      }
      if (want.readOnly && !want.required && isObject(wantType)) continue;
      if (destSchema.partial) continue;
      return fail(key + " is missing from \"" + std::string(src->cls->name.text()) + "\"");
    }
    const Type* haveType = srcType(*have);
    if (want.readOnly) {
      if (!assign(wantType, haveType, inner)) return fail(key + " is an incompatible type");
    } else {
      if (have->readOnly)
        return fail(key + " is not read-only in \"" + std::string(dest->cls->name.text()) + "\"");
      if (!equivalent(wantType, haveType, inner)) return fail(key + " is an incompatible type");
    }
    if (want.required && !have->required)
      return fail(key + " is required in \"" + std::string(dest->cls->name.text()) + "\"");
    if (!want.required && !want.readOnly && have->required)
      return fail(key + " is not required in \"" + std::string(dest->cls->name.text()) + "\"");
  }
  // A destination with declared extra items (or closed) limits the source's other keys.
  if (destSchema.extraItems) {
    const Type* extra = applySolution(destSchema.extraItems, destArgs, services_);
    for (const TypedDictItem& have : srcSchema.items) {
      if (destSchema.find(have.name)) continue;
      const Type* haveType = srcType(have);
      if (have.required && !destSchema.extraReadOnly)
        return fail("\"" + std::string(have.name.text()) + "\" is required in \"" +
                    std::string(src->cls->name.text()) + "\"");
      if (!assign(extra, haveType, inner))
        return fail("\"" + std::string(have.name.text()) + "\" is an incompatible type");
      if (!destSchema.extraReadOnly && (have.readOnly || !equivalent(extra, haveType, inner)))
        return fail("\"" + std::string(have.name.text()) + "\" is an incompatible type");
    }
    if (!srcSchema.extraItems) {
      // An open source may hold any other key: only a read-only object extra takes it.
      if (!(destSchema.extraReadOnly && isObject(extra)))
        return fail("\"" + std::string(src->cls->name.text()) + "\" is not closed");
    } else {
      const Type* srcExtra = applySolution(srcSchema.extraItems, srcArgs, services_);
      if (destSchema.extraReadOnly
              ? !assign(extra, srcExtra, inner)
              : (srcSchema.extraReadOnly || !equivalent(extra, srcExtra, inner)))
        return fail("extra items of \"" + std::string(src->cls->name.text()) +
                    "\" are an incompatible type");
    }
  }
  return true;
}

int Assigner::assignTypedDictToMapping(const InstanceType* dest, const InstanceType* src,
                                       const TypedDictSchema& srcSchema, uint16_t flags) {
  if (!srcSchema.extraItems || dest->typeArgs.size() != 2) return -1;
  bool toMapping = dest->cls->qualifiedName == "typing.Mapping";
  bool toDict = dest->cls->qualifiedName == "builtins.dict";
  if (!toMapping && !toDict) return -1;
  uint16_t inner = flags & ~(AssignStripLiterals | AssignInvariant);
  const ClassInfo* str = services_.knownClass(KnownClass::Str);
  if (!str) return -1;
  const Type* strType = services_.arena().instance(str);
  const Type* key = dest->typeArgs[0];
  const Type* value = dest->typeArgs[1];
  TypeVarSolution srcArgs = specializationOf(src, services_);
  const Type* extra = applySolution(srcSchema.extraItems, srcArgs, services_);
  if (toMapping) {
    if (!assign(key, strType, inner)) return 0;
    for (const TypedDictItem& item : srcSchema.items)
      if (!assign(value, applySolution(item.type, srcArgs, services_), inner)) return 0;
    return extra->isNever() || assign(value, extra, inner) ? 1 : 0;
  }
  // A dict may have any key removed or set: every item must be optional and writable, and
  // every value consistent with the dict's.
  if (extra->isNever() || srcSchema.extraReadOnly || !equivalent(key, strType, inner)) return 0;
  for (const TypedDictItem& item : srcSchema.items)
    if (item.required || item.readOnly ||
        !equivalent(value, applySolution(item.type, srcArgs, services_), inner))
      return 0;
  return equivalent(value, extra, inner) ? 1 : 0;
}

} // namespace shrike::checker
