// StaticConditions: evaluation of TYPE_CHECKING, sys.version_info and sys.platform tests.
#include "checker/bind/StaticConditions.h"

#include <optional>

namespace shrike::checker::bind {

using namespace parser;

namespace {

StaticValue fromBool(bool value) {
  return value ? StaticValue::True : StaticValue::False;
}

StaticValue negate(StaticValue v) {
  if (v == StaticValue::True) return StaticValue::False;
  if (v == StaticValue::False) return StaticValue::True;
  return StaticValue::Unknown;
}

// A version tuple where some parts are unknown (the micro version is never configured).
using VersionParts = std::vector<std::optional<int64_t>>;

// Lexicographic comparison of tuples; nullopt when an unknown part decides it.
std::optional<int> compareParts(const VersionParts& ours, const std::vector<int64_t>& theirs) {
  size_t n = std::min(ours.size(), theirs.size());
  for (size_t i = 0; i < n; ++i) {
    if (!ours[i]) return std::nullopt;
    if (*ours[i] != theirs[i]) return *ours[i] < theirs[i] ? -1 : 1;
  }
  if (ours.size() == theirs.size()) return 0;
  return ours.size() < theirs.size() ? -1 : 1;
}

StaticValue applyOrder(std::optional<int> order, CompareOperator op) {
  if (!order) return StaticValue::Unknown;
  int c = *order;
  switch (op) {
  case CompareOperator::Eq: return fromBool(c == 0);
  case CompareOperator::NotEq: return fromBool(c != 0);
  case CompareOperator::Lt: return fromBool(c < 0);
  case CompareOperator::LtE: return fromBool(c <= 0);
  case CompareOperator::Gt: return fromBool(c > 0);
  case CompareOperator::GtE: return fromBool(c >= 0);
  default: return StaticValue::Unknown;
  }
}

bool intTuple(const Expr* expr, std::vector<int64_t>& out) {
  auto* tuple = expr ? expr->as<Tuple>() : nullptr;
  if (!tuple) return false;
  for (const Expr* e : tuple->elts) {
    auto* i = e->as<IntLiteral>();
    if (!i || !i->fitsInt64) return false;
    out.push_back(i->value);
  }
  return true;
}

const StringLiteral* stringOf(const Expr* expr) {
  return expr ? expr->as<StringLiteral>() : nullptr;
}

} // namespace

StaticConditions::StaticConditions(PythonVersion version, std::string platform)
    : version_(version), platform_(std::move(platform)) {
  if (platform_ == "all") platform_.clear();
}

void StaticConditions::noteImport(const Stmt* statement) {
  if (auto* imp = statement->as<Import>()) {
    for (const Alias* alias : imp->names) {
      Role role = alias->name == names::sys                ? Role::Sys
                  : alias->name == names::typing           ? Role::Typing
                  : alias->name == names::typingExtensions ? Role::Typing
                  : alias->name == names::os               ? Role::Os
                                                           : Role::None;
      if (role == Role::None) continue;
      // `import typing` binds typing; `import os.path` binds os.
      Name bound = alias->asName          ? alias->asName.name
                   : alias->parts.empty() ? alias->name
                                          : alias->parts[0].name;
      aliases_.push_back({bound, role});
    }
    return;
  }
  auto* from = statement->as<ImportFrom>();
  if (!from || from->level != 0) return;
  for (const Alias* alias : from->names) {
    Role role = Role::None;
    if ((from->module == names::typing || from->module == names::typingExtensions) &&
        alias->name == names::TYPE_CHECKING)
      role = Role::TypeChecking;
    else if (from->module == names::sys && alias->name == names::version_info)
      role = Role::VersionInfo;
    else if (from->module == names::sys && alias->name == names::platform)
      role = Role::Platform;
    if (role == Role::None) continue;
    aliases_.push_back({alias->asName ? alias->asName.name : alias->name, role});
  }
}

StaticConditions::Role StaticConditions::roleOf(const Expr* expr) const {
  if (!expr) return Role::None;
  if (auto* name = expr->as<NameExpr>()) {
    for (auto it = aliases_.rbegin(); it != aliases_.rend(); ++it)
      if (it->first == name->id) return it->second;
    if (name->id == names::TYPE_CHECKING) return Role::TypeChecking;
    if (name->id == names::sys) return Role::Sys;
    return Role::None;
  }
  if (auto* attr = expr->as<Attribute>()) {
    Role base = roleOf(attr->value);
    if (base == Role::Sys && attr->attr.name == names::version_info) return Role::VersionInfo;
    if (base == Role::Sys && attr->attr.name == names::platform) return Role::Platform;
    if (base == Role::Typing && attr->attr.name == names::TYPE_CHECKING) return Role::TypeChecking;
    static const Name osName = intern("name");
    if (base == Role::Os && attr->attr.name == osName) return Role::Platform; // handled below
  }
  return Role::None;
}

StaticValue StaticConditions::compare(const Compare* cmp) const {
  if (cmp->ops.size() != 1 || cmp->comparators.size() != 1) return StaticValue::Unknown;
  CompareOperator op = cmp->ops[0];
  const Expr* left = cmp->left;
  const Expr* right = cmp->comparators[0];

  // sys.version_info, sys.version_info[0], sys.version_info[:2]
  VersionParts ours;
  bool isVersion = false;
  if (roleOf(left) == Role::VersionInfo) {
    ours = {version_.major, version_.minor, std::nullopt, std::nullopt, std::nullopt};
    isVersion = true;
  } else if (auto* sub = left->as<Subscript>(); sub && roleOf(sub->value) == Role::VersionInfo) {
    if (auto* index = sub->slice ? sub->slice->as<IntLiteral>() : nullptr) {
      std::vector<int64_t> theirs;
      auto* value = right->as<IntLiteral>();
      if (!value || !value->fitsInt64) return StaticValue::Unknown;
      std::optional<int64_t> part = index->value == 0   ? std::optional<int64_t>(version_.major)
                                    : index->value == 1 ? std::optional<int64_t>(version_.minor)
                                                        : std::nullopt;
      return applyOrder(compareParts({part}, {value->value}), op);
    }
    if (auto* slice = sub->slice ? sub->slice->as<Slice>() : nullptr) {
      auto* upper = slice->upper ? slice->upper->as<IntLiteral>() : nullptr;
      if (slice->lower || slice->step || !upper || upper->value < 0 || upper->value > 5)
        return StaticValue::Unknown;
      VersionParts all = {version_.major, version_.minor, std::nullopt, std::nullopt, std::nullopt};
      ours.assign(all.begin(), all.begin() + upper->value);
      isVersion = true;
    }
  }
  if (isVersion) {
    std::vector<int64_t> theirs;
    if (!intTuple(right, theirs)) return StaticValue::Unknown;
    return applyOrder(compareParts(ours, theirs), op);
  }

  // sys.platform == "linux", os.name == "nt"
  if (platform_.empty()) return StaticValue::Unknown;
  const StringLiteral* literal = stringOf(right);
  if (!literal || roleOf(left) != Role::Platform) return StaticValue::Unknown;
  std::string actual = platform_;
  if (auto* attr = left->as<Attribute>(); attr && roleOf(attr->value) == Role::Os)
    actual = platform_ == "win32" ? "nt" : "posix";
  if (op == CompareOperator::Eq) return fromBool(literal->value == actual);
  if (op == CompareOperator::NotEq) return fromBool(literal->value != actual);
  return StaticValue::Unknown;
}

StaticValue StaticConditions::evaluate(const Expr* e) const {
  if (!e) return StaticValue::Unknown;
  switch (e->kind) {
  case NodeKind::BoolLiteral: return fromBool(static_cast<const BoolLiteral*>(e)->value);
  case NodeKind::IntLiteral: {
    auto* i = static_cast<const IntLiteral*>(e);
    return i->fitsInt64 ? fromBool(i->value != 0) : StaticValue::True;
  }
  case NodeKind::NameExpr:
  case NodeKind::Attribute:
    return roleOf(e) == Role::TypeChecking ? StaticValue::True : StaticValue::Unknown;
  case NodeKind::UnaryOp: {
    auto* u = static_cast<const UnaryOp*>(e);
    return u->op == UnaryOperator::Not ? negate(evaluate(u->operand)) : StaticValue::Unknown;
  }
  case NodeKind::BoolOp: {
    auto* b = static_cast<const BoolOp*>(e);
    bool isAnd = b->op == BoolOperator::And;
    StaticValue result = isAnd ? StaticValue::True : StaticValue::False;
    for (const Expr* value : b->values) {
      StaticValue v = evaluate(value);
      if (v == (isAnd ? StaticValue::False : StaticValue::True)) return v; // short-circuits
      if (v == StaticValue::Unknown) result = StaticValue::Unknown;
    }
    return result;
  }
  case NodeKind::Compare: return compare(static_cast<const Compare*>(e));
  case NodeKind::Call: {
    // sys.platform.startswith("win")
    auto* call = static_cast<const Call*>(e);
    auto* attr = call->func->as<Attribute>();
    if (platform_.empty() || !attr || attr->attr.name != names::startswith ||
        roleOf(attr->value) != Role::Platform || call->args.size() != 1 || !call->keywords.empty())
      return StaticValue::Unknown;
    if (auto* a = attr->value->as<Attribute>(); a && roleOf(a->value) == Role::Os)
      return StaticValue::Unknown;
    const StringLiteral* prefix = stringOf(call->args[0]);
    if (!prefix) return StaticValue::Unknown;
    return fromBool(std::string_view(platform_).starts_with(prefix->value));
  }
  default: return StaticValue::Unknown;
  }
}

} // namespace shrike::checker::bind
