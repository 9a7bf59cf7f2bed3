// LspFramingTests: Content-Length framing — split reads, several messages per read, and
// recovery from every kind of bad header.
#include "lsp/Framing.h"

#include <gtest/gtest.h>

#include <vector>

using namespace shrike::lsp;

namespace {

std::vector<FrameEvent> drain(MessageReader& reader) {
  std::vector<FrameEvent> events;
  FrameEvent event;
  while (reader.next(event)) events.push_back(event);
  return events;
}

} // namespace

TEST(LspFraming, ReadsAMessageFedOneByteAtATime) {
  MessageReader reader;
  std::string framed = frameMessage(R"({"a":1})");
  for (char c : framed) reader.feed(std::string_view(&c, 1));
  auto events = drain(reader);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, FrameEvent::Kind::Message);
  EXPECT_EQ(events[0].text, R"({"a":1})");
  EXPECT_EQ(reader.pendingBytes(), 0u);
}

TEST(LspFraming, ReadsSeveralMessagesFromOneChunkWithOtherHeaders) {
  MessageReader reader;
  reader.feed(
      "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}"
      "content-length:3\r\n\r\n[1]");
  auto events = drain(reader);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].text, "{}");
  EXPECT_EQ(events[1].text, "[1]");
}

TEST(LspFraming, CountsBytesNotCharacters) {
  MessageReader reader;
  std::string body = "{\"s\":\"\xF0\x9F\x98\x80\"}"; // an emoji: 4 bytes
  reader.feed(frameMessage(body));
  auto events = drain(reader);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].text, body);
}

TEST(LspFraming, AHeaderWithoutLengthIsAnErrorAndReadingGoesOn) {
  MessageReader reader;
  reader.feed("Content-Type: x\r\n\r\n" + frameMessage("{}"));
  auto events = drain(reader);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, FrameEvent::Kind::Error);
  EXPECT_EQ(events[1].kind, FrameEvent::Kind::Message);
  EXPECT_EQ(events[1].text, "{}");
}

TEST(LspFraming, ALengthThatIsNotANumberIsAnError) {
  MessageReader reader;
  reader.feed("Content-Length: -5\r\n\r\nContent-Length: 12abc\r\n\r\n" + frameMessage("{}"));
  auto events = drain(reader);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, FrameEvent::Kind::Error);
  EXPECT_EQ(events[1].kind, FrameEvent::Kind::Error);
  EXPECT_EQ(events[2].text, "{}");
}

TEST(LspFraming, AnUnderstatedLengthLosesOneMessageNotTheSession) {
  MessageReader reader;
  // The first body is 13 bytes but claims 5: its tail precedes the next header as garbage.
  reader.feed("Content-Length: 5\r\n\r\n{\"a\":\"bcdef\"}" + frameMessage("{\"ok\":1}"));
  auto events = drain(reader);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, FrameEvent::Kind::Message); // the truncated body (bad JSON)
  EXPECT_EQ(events[0].text, "{\"a\":");
  EXPECT_EQ(events[1].kind, FrameEvent::Kind::Error); // the garbage before the next header
  EXPECT_EQ(events[2].kind, FrameEvent::Kind::Message);
  EXPECT_EQ(events[2].text, "{\"ok\":1}");
}

TEST(LspFraming, ABodyOverTheLimitIsSkippedWithoutBuffering) {
  MessageReader reader(/*maxBody=*/10);
  reader.feed("Content-Length: 100\r\n\r\n");
  reader.feed(std::string(60, 'x'));
  EXPECT_LT(reader.pendingBytes(), 60u);
  reader.feed(std::string(40, 'y') + frameMessage("{}"));
  auto events = drain(reader);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, FrameEvent::Kind::Error);
  EXPECT_EQ(events[1].text, "{}");
}

TEST(LspFraming, EndlessHeaderGarbageIsDropped) {
  MessageReader reader;
  reader.feed(std::string(MessageReader::maxHeaderBlock + 1, 'z'));
  auto events = drain(reader);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, FrameEvent::Kind::Error);
  EXPECT_EQ(reader.pendingBytes(), 0u);
  reader.feed(frameMessage("{}"));
  events = drain(reader);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].text, "{}");
}

TEST(LspFraming, BareNewlinesAreAcceptedBetweenHeaders) {
  MessageReader reader;
  reader.feed("Content-Length: 2\n\n{}");
  auto events = drain(reader);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].text, "{}");
}
