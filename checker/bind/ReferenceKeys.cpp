// ReferenceKeys: interning of names, member chains and literal subscripts.
#include "checker/bind/ReferenceKeys.h"

namespace shrike::checker::bind {

using namespace parser;

uint64_t ReferenceKeys::hashParts(KeyId parent, KeyPart part, int64_t value) {
  uint64_t h = static_cast<uint64_t>(value) * 0x9e3779b97f4a7c15ULL;
  h ^= (static_cast<uint64_t>(parent) << 3) ^ static_cast<uint64_t>(part);
  return h;
}

KeyId ReferenceKeys::find(KeyId parent, KeyPart part, int64_t value) const {
  // Exact keys are stored under their hash; a collision is rare and takes the next probe
  // (hash + 1, ...) until a match or a miss.
  uint64_t h = hashParts(parent, part, value);
  for (;; ++h) {
    uint32_t id = map_.find(h);
    if (id == FlatMap::missing) return noId;
    const ReferenceKey& k = keys_[id];
    if (k.parent == parent && k.part == part && k.value == value) return id;
  }
}

KeyId ReferenceKeys::intern(KeyId parent, KeyPart part, int64_t value) {
  uint64_t h = hashParts(parent, part, value);
  for (;; ++h) {
    uint32_t id = map_.find(h);
    if (id == FlatMap::missing) break;
    const ReferenceKey& k = keys_[id];
    if (k.parent == parent && k.part == part && k.value == value) return id;
  }
  ReferenceKey key;
  key.part = part;
  key.parent = parent;
  key.value = value;
  key.depth = parent == noId ? 0 : static_cast<uint8_t>(keys_[parent].depth + 1);
  keys_.push_back(key);
  KeyId id = static_cast<KeyId>(keys_.size() - 1);
  map_.insert(h, id);
  return id;
}

bool literalIndex(const Expr* slice, KeyPart& part, int64_t& value) {
  if (!slice) return false;
  if (auto* i = slice->as<IntLiteral>()) {
    if (!i->fitsInt64) return false;
    part = KeyPart::IntIndex;
    value = i->value;
    return true;
  }
  if (auto* u = slice->as<UnaryOp>(); u && u->op == UnaryOperator::USub) {
    if (auto* i = u->operand ? u->operand->as<IntLiteral>() : nullptr; i && i->fitsInt64) {
      part = KeyPart::IntIndex;
      value = -i->value;
      return true;
    }
  }
  if (auto* s = slice->as<StringLiteral>()) {
    part = KeyPart::StrIndex;
    value = intern(s->value).id;
    return true;
  }
  return false;
}

namespace {

template <class Lookup> KeyId keyOfExpr(const Expr* expr, Lookup&& lookup, int depth) {
  if (!expr || depth > ReferenceKeys::maxDepth) return noId;
  if (auto* n = expr->as<NameExpr>()) return lookup(noId, KeyPart::Name, n->id.id);
  if (auto* a = expr->as<Attribute>()) {
    if (!a->attr) return noId;
    KeyId parent = keyOfExpr(a->value, lookup, depth + 1);
    return parent == noId ? noId : lookup(parent, KeyPart::Attribute, a->attr.name.id);
  }
  if (auto* s = expr->as<Subscript>()) {
    KeyPart part;
    int64_t value;
    if (!literalIndex(s->slice, part, value)) return noId;
    KeyId parent = keyOfExpr(s->value, lookup, depth + 1);
    return parent == noId ? noId : lookup(parent, part, value);
  }
  return noId;
}

} // namespace

KeyId ReferenceKeys::keyOf(const Expr* expr) const {
  return keyOfExpr(
      expr, [&](KeyId p, KeyPart part, int64_t v) { return find(p, part, v); }, 0);
}

KeyId ReferenceKeys::internExpr(const Expr* expr) {
  return keyOfExpr(
      expr, [&](KeyId p, KeyPart part, int64_t v) { return intern(p, part, v); }, 0);
}

KeyId ReferenceKeys::root(KeyId id) const {
  while (id != noId && keys_[id].parent != noId) id = keys_[id].parent;
  return id;
}

bool ReferenceKeys::startsWith(KeyId key, KeyId prefix) const {
  if (prefix == noId) return false;
  uint8_t depth = keys_[prefix].depth;
  while (key != noId && keys_[key].depth > depth) key = keys_[key].parent;
  return key == prefix;
}

std::string ReferenceKeys::text(KeyId id) const {
  if (id == noId) return "";
  const ReferenceKey& k = keys_[id];
  switch (k.part) {
  case KeyPart::Name: return std::string(k.name().text());
  case KeyPart::Attribute: return text(k.parent) + "." + std::string(k.name().text());
  case KeyPart::IntIndex: return text(k.parent) + "[" + std::to_string(k.value) + "]";
  case KeyPart::StrIndex: return text(k.parent) + "[\"" + std::string(k.name().text()) + "\"]";
  }
  return "";
}

} // namespace shrike::checker::bind
