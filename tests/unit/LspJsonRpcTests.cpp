// LspJsonRpcTests: classifying incoming JSON-RPC messages and the errors for malformed ones.
#include "lsp/JsonRpc.h"

#include <gtest/gtest.h>

using namespace shrike::lsp;

namespace {

IncomingMessage parsed(const std::string& body) {
  auto result = parseMessage(body);
  EXPECT_TRUE(std::holds_alternative<IncomingMessage>(result)) << body;
  return std::holds_alternative<IncomingMessage>(result) ? std::get<IncomingMessage>(result)
                                                         : IncomingMessage{};
}

MalformedMessage malformed(const std::string& body) {
  auto result = parseMessage(body);
  EXPECT_TRUE(std::holds_alternative<MalformedMessage>(result)) << body;
  return std::holds_alternative<MalformedMessage>(result) ? std::get<MalformedMessage>(result)
                                                          : MalformedMessage{};
}

} // namespace

TEST(LspJsonRpc, ClassifiesRequestsNotificationsAndResponses) {
  auto request = parsed(R"({"jsonrpc":"2.0","id":"a","method":"m","params":{"x":1}})");
  EXPECT_EQ(request.kind, IncomingMessage::Kind::Request);
  EXPECT_EQ(request.id, "a");
  EXPECT_EQ(request.params["x"], 1);
  auto notification = parsed(R"({"jsonrpc":"2.0","method":"n"})");
  EXPECT_EQ(notification.kind, IncomingMessage::Kind::Notification);
  EXPECT_TRUE(notification.params.is_null());
  auto response = parsed(R"({"jsonrpc":"2.0","id":3,"result":null})");
  EXPECT_EQ(response.kind, IncomingMessage::Kind::Response);
  auto failure = parsed(R"({"jsonrpc":"2.0","id":4,"error":{"code":-32601,"message":"no"}})");
  ASSERT_TRUE(failure.error.has_value());
  EXPECT_EQ(failure.error->code, ErrorCode::MethodNotFound);
}

TEST(LspJsonRpc, BadJsonIsAParseErrorWithANullId) {
  auto error = malformed(R"({"jsonrpc":"2.0","id":1,)");
  EXPECT_EQ(error.error.code, ErrorCode::ParseError);
  EXPECT_TRUE(error.id.is_null());
}

TEST(LspJsonRpc, WrongShapesAreInvalidRequestsAnsweredToTheirId) {
  EXPECT_EQ(malformed(R"({"id":1,"method":"m"})").id, 1); // no "jsonrpc"
  EXPECT_EQ(malformed(R"({"id":1,"method":"m"})").error.code, ErrorCode::InvalidRequest);
  EXPECT_EQ(malformed(R"({"jsonrpc":"2.0","id":2,"method":7})").id, 2);
  EXPECT_EQ(malformed(R"({"jsonrpc":"2.0","id":3,"method":"m","params":5})").error.code,
            ErrorCode::InvalidRequest);
  EXPECT_TRUE(malformed(R"({"jsonrpc":"2.0","id":[1],"method":"m"})").id.is_null());
  EXPECT_EQ(malformed(R"([{"jsonrpc":"2.0","id":1,"method":"m"}])").error.code,
            ErrorCode::InvalidRequest);
  EXPECT_EQ(malformed("42").error.code, ErrorCode::InvalidRequest);
  EXPECT_EQ(malformed(R"({"jsonrpc":"2.0","id":5})").error.code, ErrorCode::InvalidRequest);
}

TEST(LspJsonRpc, InvalidUtf8IsRepairedNotRejected) {
  bool repaired = false;
  auto result = parseMessage("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"t\":\"a\xFF\"}}",
                             &repaired);
  ASSERT_TRUE(std::holds_alternative<IncomingMessage>(result));
  EXPECT_TRUE(repaired);
  EXPECT_EQ(std::get<IncomingMessage>(result).params["t"], "a\xEF\xBF\xBD");
}

TEST(LspJsonRpc, SerialisesResponsesAndErrors) {
  EXPECT_EQ(json::parse(serializeResponse(7, json{{"k", true}})),
            json::parse(R"({"jsonrpc":"2.0","id":7,"result":{"k":true}})"));
  EXPECT_EQ(json::parse(serializeError(nullptr, rpcError(ErrorCode::ParseError, "bad"))),
            json::parse(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}})"));
  // Invalid UTF-8 in an outgoing string never throws.
  EXPECT_NO_THROW(serializeNotification("m", json{{"s", std::string("\xFF")}}));
}
