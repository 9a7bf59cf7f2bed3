// NamesTests: the interner keeps one id per text, through its tables' growth and across threads.
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "parser/Names.h"

using namespace shrike::parser;

namespace {

// Texts no other test interns, of every length from 0 to 40 (short and long names take
// different paths through the hash), some differing only in a middle byte.
std::vector<std::string> distinctTexts(const std::string& tag, int count) {
  std::vector<std::string> texts;
  for (int i = 0; i < count; ++i) {
    std::string text = tag + std::to_string(i);
    text.resize(static_cast<size_t>(i % 41) + text.size() / 2, 'x');
    text += tag + std::to_string(i); // keeps each text unique whatever the cut above
    if (i % 7 == 0) text[text.size() / 2] = static_cast<char>('a' + i % 26);
    texts.push_back(text);
  }
  return texts;
}

} // namespace

TEST(Names, ManyNamesKeepTheirIdsAndTexts) {
  // 40,000 names: every shard's table grows several times.
  std::vector<std::string> texts = distinctTexts("ntest_grow_", 40000);
  ASSERT_FALSE(findName("ntest_grow_never_interned"));
  std::vector<Name> ids;
  for (const std::string& text : texts) ids.push_back(intern(text));
  for (size_t i = 0; i < texts.size(); ++i) {
    ASSERT_TRUE(ids[i]) << texts[i];
    EXPECT_EQ(ids[i].text(), texts[i]);
    EXPECT_EQ(intern(texts[i]).id, ids[i].id) << texts[i];
    EXPECT_EQ(findName(texts[i]).id, ids[i].id) << texts[i];
    if (i > 0) {
      EXPECT_NE(ids[i].id, ids[i - 1].id);
    }
  }
  EXPECT_FALSE(findName("ntest_grow_never_interned"));
  EXPECT_EQ(intern("").text(), "");
}

TEST(Names, ThreadsInterningTheSameTextsGetTheSameIds) {
  std::vector<std::string> texts = distinctTexts("ntest_threads_", 20000);
  std::vector<Name> first(texts.size()), second(texts.size());
  std::thread a([&] {
    for (size_t i = 0; i < texts.size(); ++i) first[i] = intern(texts[i]);
  });
  std::thread b([&] {
    for (size_t i = texts.size(); i-- > 0;) second[i] = intern(texts[i]);
  });
  a.join();
  b.join();
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(first[i].id, second[i].id) << texts[i];
    EXPECT_EQ(first[i].text(), texts[i]);
  }
}
