// BinderPiecesTests: the binder's small data structures — the flat hash map, reference keys,
// flow graph labels — and the "did you mean" distance.
#include <gtest/gtest.h>

#include "checker/bind/FlatMap.h"
#include "checker/bind/FlowGraph.h"
#include "checker/bind/ReferenceKeys.h"
#include "checker/check/Suggestions.h"
#include "parser/Names.h"

namespace shrike::checker {
namespace {

using namespace bind;

TEST(FlatMap, InsertFindAndGrow) {
  FlatMap map;
  EXPECT_EQ(map.find(7), FlatMap::missing);
  for (uint64_t k = 0; k < 1000; ++k)
    EXPECT_EQ(map.insert(k * 0x100000001ULL, static_cast<uint32_t>(k)), k);
  EXPECT_EQ(map.size(), 1000u);
  for (uint64_t k = 0; k < 1000; ++k) EXPECT_EQ(map.find(k * 0x100000001ULL), k);
  EXPECT_EQ(map.insert(5 * 0x100000001ULL, 99), 5u); // present: keeps the old value
  map.assign(5 * 0x100000001ULL, 99);
  EXPECT_EQ(map.find(5 * 0x100000001ULL), 99u);
  EXPECT_EQ(map.find(123456789), FlatMap::missing);
}

TEST(ReferenceKeys, ChainsInternOnceAndPrint) {
  ReferenceKeys keys;
  KeyId self = keys.intern(noId, KeyPart::Name, parser::intern("self").id);
  KeyId a = keys.intern(self, KeyPart::Attribute, parser::intern("a").id);
  KeyId a0 = keys.intern(a, KeyPart::IntIndex, -1);
  KeyId ak = keys.intern(a, KeyPart::StrIndex, parser::intern("k").id);
  EXPECT_EQ(keys.intern(self, KeyPart::Attribute, parser::intern("a").id), a);
  EXPECT_EQ(keys.find(a, KeyPart::IntIndex, -1), a0);
  EXPECT_EQ(keys.find(a, KeyPart::IntIndex, 0), noId);
  EXPECT_EQ(keys.text(a0), "self.a[-1]");
  EXPECT_EQ(keys.text(ak), "self.a[\"k\"]");
  EXPECT_EQ(keys.root(ak), self);
  EXPECT_TRUE(keys.startsWith(a0, self));
  EXPECT_TRUE(keys.startsWith(a0, a));
  EXPECT_TRUE(keys.startsWith(a, a));
  EXPECT_FALSE(keys.startsWith(a, a0));
  EXPECT_FALSE(keys.startsWith(ak, a0));
}

TEST(FlowGraph, LabelsKeepReachableAntecedentsOnce) {
  FlowGraph flow;
  FlowId start = flow.add(FlowKind::Start, noId);
  FlowId call = flow.add(FlowKind::Call, start);
  FlowId label = flow.addLabel(FlowKind::BranchLabel);
  EXPECT_FALSE(flow.hasAntecedents(label));
  flow.addAntecedent(label, FlowGraph::unreachable); // unreachable paths are not edges
  EXPECT_FALSE(flow.hasAntecedents(label));
  flow.addAntecedent(label, start);
  flow.addAntecedent(label, call);
  flow.addAntecedent(label, call); // the same path twice in a row is one edge
  std::vector<FlowId> seen;
  flow.forEachAntecedent(label, [&](FlowId id) { seen.push_back(id); });
  EXPECT_EQ(seen, (std::vector<FlowId>{start, call}));
  seen.clear();
  flow.forEachAntecedent(call, [&](FlowId id) { seen.push_back(id); });
  EXPECT_EQ(seen, (std::vector<FlowId>{start}));
}

TEST(Suggestions, EditDistanceCountsTranspositionsOnce) {
  EXPECT_EQ(editDistance("print", "print"), 0u);
  EXPECT_EQ(editDistance("pritn", "print"), 1u);
  EXPECT_EQ(editDistance("prnt", "print"), 1u);
  EXPECT_EQ(editDistance("", "abc"), 3u);
  EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
}

TEST(Suggestions, BoundedEditDistanceIsExactWithinItsBound) {
  // Every pair of short strings over a small alphabet (transpositions and repeats abound),
  // and a long pair past the stack rows: exact up to the bound, above it past the bound.
  std::vector<std::string> words;
  for (int length = 0; length <= 4; ++length)
    for (int code = 0, end = 1 << (2 * length); code < end; ++code) {
      std::string w;
      for (int k = 0; k < length; ++k) w.push_back("abcd"[(code >> (2 * k)) & 3]);
      words.push_back(w);
    }
  words.push_back(std::string(70, 'a') + "bc");
  words.push_back(std::string(69, 'a') + "cbd");
  for (size_t i = 0; i < words.size(); i += 7)
    for (const std::string& other : words)
      for (size_t bound = 0; bound <= 4; ++bound) {
        size_t exact = editDistance(words[i], other);
        size_t bounded = editDistanceWithin(words[i], other, bound);
        if (exact <= bound)
          ASSERT_EQ(bounded, exact) << words[i] << " " << other << " " << bound;
        else
          ASSERT_GT(bounded, bound) << words[i] << " " << other << " " << bound;
      }
  EXPECT_EQ(editDistanceWithin(words[words.size() - 2], words.back(), 5), 2u);
}

TEST(Suggestions, ClosestNameWithinAThird) {
  std::vector<std::string_view> names = {"counter", "count", "print", "Counter"};
  EXPECT_EQ(closestName("countr", names), "count");
  EXPECT_EQ(closestName("prnt", names), "print");
  EXPECT_EQ(closestName("COUNTER", names), "Counter"); // capitalisation first
  EXPECT_EQ(closestName("x", names), std::nullopt);
  EXPECT_EQ(closestName("completely_different", names), std::nullopt);
}

} // namespace
} // namespace shrike::checker
