// JsonRpc: JSON-RPC 2.0 messages as the LSP uses them — classifying what arrives, the error
// codes, and the text of what goes out. Nothing here knows any LSP method.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

namespace shrike::lsp {

using json = nlohmann::json;

enum class ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  UnknownErrorCode = -32001,
  RequestFailed = -32803,
  ServerCancelled = -32802,
  ContentModified = -32801,
  RequestCancelled = -32800,
};

struct RpcError {
  ErrorCode code = ErrorCode::InternalError;
  std::string message;
};

// A value or the error to answer with: what every request handler returns.
template <class T> class Result {
public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(RpcError error) : state_(std::in_place_index<1>, std::move(error)) {}
  explicit operator bool() const { return state_.index() == 0; }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  const RpcError& error() const { return std::get<1>(state_); }

private:
  std::variant<T, RpcError> state_;
};

inline RpcError rpcError(ErrorCode code, std::string message) {
  return RpcError{code, std::move(message)};
}

// One message that arrived and passed JSON-RPC's shape rules.
struct IncomingMessage {
  enum class Kind { Request, Notification, Response };
  Kind kind = Kind::Notification;
  json id;                       // requests and responses: an integer or a string
  std::string method;            // requests and notifications
  json params;                   // an object or array; null when absent
  json result;                   // responses
  std::optional<RpcError> error; // responses that carry an error
};

// A message that did not: the error to answer with, and the id to answer to (null when the
// message had none that could be read).
struct MalformedMessage {
  RpcError error;
  json id;
};

// Parses one body. Invalid UTF-8 inside it is replaced by U+FFFD first (and `repairedUtf8`
// set), so a buffer of bad bytes still opens.
std::variant<IncomingMessage, MalformedMessage> parseMessage(std::string body,
                                                             bool* repairedUtf8 = nullptr);

// The text of outgoing messages. Strings are written as UTF-8; anything invalid is replaced.
std::string serializeResponse(const json& id, const json& result);
std::string serializeError(const json& id, const RpcError& error);
std::string serializeNotification(std::string_view method, const json& params);
std::string serializeRequest(const json& id, std::string_view method, const json& params);

// A request id as text, for maps and logs: `7` or `"abc"`.
std::string idKey(const json& id);

} // namespace shrike::lsp
