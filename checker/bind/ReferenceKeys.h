// ReferenceKeys: the expressions that flow analysis follows, interned per module.
//
//     x          Name x
//     self.a.b   Attribute b of (Attribute a of (Name self))
//     d["k"]     StrIndex "k" of (Name d);   t[0], t[-1]: IntIndex 0, -1 of (Name t)
//
// An assignment to a key invalidates narrowing of every longer key that starts with it:
// `self.a = ...` ends what was known about `self.a.b`. Keys of names compare by name only;
// flow nodes carry the declaration (and so the symbol) to tell apart same-named symbols of
// nested scopes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checker/bind/FlatMap.h"
#include "checker/bind/Ids.h"
#include "parser/Ast.h"

namespace shrike::checker::bind {

enum class KeyPart : uint8_t { Name, Attribute, IntIndex, StrIndex };

struct ReferenceKey {
  KeyPart part = KeyPart::Name;
  uint8_t depth = 0;   // 0 for a name
  KeyId parent = noId; // the key this one extends
  int64_t value = 0;   // the name id (Name, Attribute, StrIndex) or the index (IntIndex)

  parser::Name name() const { return parser::Name{static_cast<uint32_t>(value)}; }
};

class ReferenceKeys {
public:
  // Key chains deeper than this are not followed (`a.b.c.d.e.f.g.h.i`).
  static constexpr uint8_t maxDepth = 8;

  KeyId intern(KeyId parent, KeyPart part, int64_t value);
  KeyId find(KeyId parent, KeyPart part, int64_t value) const;
  // The key of a Name, Attribute or literal-index Subscript chain; noId when `expr` is not
  // one or was never interned.
  KeyId keyOf(const parser::Expr* expr) const;
  // Interns the key of `expr` (and its prefixes); noId when it is not a reference.
  KeyId internExpr(const parser::Expr* expr);

  const ReferenceKey& key(KeyId id) const { return keys_[id]; }
  KeyId root(KeyId id) const;
  // True when `prefix` is `key` or a strict prefix of it.
  bool startsWith(KeyId key, KeyId prefix) const;
  std::string text(KeyId id) const;
  size_t size() const { return keys_.size(); }
  size_t bytes() const { return keys_.capacity() * sizeof(ReferenceKey) + map_.bytes(); }

private:
  static uint64_t hashParts(KeyId parent, KeyPart part, int64_t value);
  std::vector<ReferenceKey> keys_;
  // Keyed by a mix of the parts; collisions are resolved by checking candidate entries.
  FlatMap map_;
};

// The literal index of a subscript that flow analysis follows: an int (`t[0]`, `t[-1]`) or a
// str (`d["k"]`); false when the index is anything else.
bool literalIndex(const parser::Expr* slice, KeyPart& part, int64_t& value);

} // namespace shrike::checker::bind
