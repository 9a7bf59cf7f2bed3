// MentionIndexTests: which files may use a name — whole identifiers only, unknown files may
// mention anything, and a new text replaces the old.
#include "checker/ide/MentionIndex.h"

#include <gtest/gtest.h>

using shrike::checker::ide::MentionIndex;

TEST(MentionIndex, FindsWholeIdentifiersOnly) {
  MentionIndex index;
  index.set("/p/views.py",
            "qs = Book.objects.filter(x=1)  # see exclude_all\nfrom m import é_name\n");
  EXPECT_TRUE(index.mayMention("/p/views.py", "filter"));
  EXPECT_TRUE(index.mayMention("/p/views.py", "Book"));
  EXPECT_TRUE(index.mayMention("/p/views.py", "exclude_all")); // comments count
  EXPECT_TRUE(index.mayMention("/p/views.py", "é_name"));
  EXPECT_FALSE(index.mayMention("/p/views.py", "exclude")); // part of a longer name
  EXPECT_FALSE(index.mayMention("/p/views.py", "filt"));
  EXPECT_FALSE(index.mayMention("/p/views.py", "book"));
}

TEST(MentionIndex, AFileNotIndexedMayMentionAnything) {
  MentionIndex index;
  EXPECT_TRUE(index.mayMention("/p/new.py", "anything"));
  index.set("/p/new.py", "x = 1\n");
  EXPECT_FALSE(index.mayMention("/p/new.py", "anything"));
  index.remove("/p/new.py");
  EXPECT_TRUE(index.mayMention("/p/new.py", "anything"));
}

TEST(MentionIndex, ANewTextReplacesTheOld) {
  MentionIndex index;
  index.set("/p/a.py", "def helper(): ...\n");
  index.set("/p/a.py", "def assist(): ...\n");
  EXPECT_FALSE(index.mayMention("/p/a.py", "helper"));
  EXPECT_TRUE(index.mayMention("/p/a.py", "assist"));
  index.clear();
  EXPECT_TRUE(index.mayMention("/p/a.py", "helper"));
}
