// JsonRpc: the shape rules of JSON-RPC 2.0 applied to one parsed body, and serialisation.
#include "lsp/JsonRpc.h"

#include "parser/SourceText.h"

namespace shrike::lsp {

namespace {

bool isValidId(const json& id) {
  return id.is_number_integer() || id.is_number_unsigned() || id.is_string();
}

std::string dump(const json& message) {
  return message.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace

std::variant<IncomingMessage, MalformedMessage> parseMessage(std::string body, bool* repairedUtf8) {
  bool repaired = parser::sanitizeUtf8(body);
  if (repairedUtf8) *repairedUtf8 = repaired;
  json message = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded()) {
    return MalformedMessage{rpcError(ErrorCode::ParseError, "the message is not valid JSON"),
                            nullptr};
  }
  if (message.is_array()) {
    return MalformedMessage{
        rpcError(ErrorCode::InvalidRequest, "batch messages are not supported by the LSP"),
        nullptr};
  }
  if (!message.is_object()) {
    return MalformedMessage{rpcError(ErrorCode::InvalidRequest, "a message must be a JSON object"),
                            nullptr};
  }
  // From here on an id that can be read is answered to, even if the rest is wrong.
  json id = nullptr;
  bool hasId = message.contains("id");
  if (hasId && isValidId(message["id"])) id = message["id"];
  auto invalid = [&](std::string why) {
    return MalformedMessage{rpcError(ErrorCode::InvalidRequest, std::move(why)), id};
  };
  auto version = message.find("jsonrpc");
  if (version == message.end() || *version != "2.0") {
    return invalid("\"jsonrpc\" must be \"2.0\"");
  }
  if (hasId && !isValidId(message["id"])) {
    return invalid("\"id\" must be an integer or a string");
  }
  IncomingMessage result;
  result.id = id;
  auto method = message.find("method");
  if (method == message.end()) {
    bool hasResult = message.contains("result");
    auto error = message.find("error");
    if (!hasId || (!hasResult && error == message.end())) {
      return invalid("a message needs a \"method\", or an \"id\" and a \"result\" or \"error\"");
    }
    result.kind = IncomingMessage::Kind::Response;
    if (hasResult) result.result = message["result"];
    if (error != message.end()) {
      RpcError e;
      if (error->is_object()) {
        if (auto code = error->find("code"); code != error->end() && code->is_number_integer())
          e.code = static_cast<ErrorCode>(code->get<int>());
        if (auto text = error->find("message"); text != error->end() && text->is_string())
          e.message = text->get<std::string>();
      }
      result.error = std::move(e);
    }
    return result;
  }
  if (!method->is_string()) return invalid("\"method\" must be a string");
  result.method = method->get<std::string>();
  result.kind = hasId ? IncomingMessage::Kind::Request : IncomingMessage::Kind::Notification;
  if (auto params = message.find("params"); params != message.end()) {
    if (!params->is_object() && !params->is_array() && !params->is_null()) {
      return invalid("\"params\" must be an object or an array");
    }
    result.params = std::move(*params);
  }
  return result;
}

std::string serializeResponse(const json& id, const json& result) {
  return dump(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
}

std::string serializeError(const json& id, const RpcError& error) {
  return dump(
      json{{"jsonrpc", "2.0"},
           {"id", id},
           {"error", {{"code", static_cast<int>(error.code)}, {"message", error.message}}}});
}

std::string serializeNotification(std::string_view method, const json& params) {
  return dump(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
}

std::string serializeRequest(const json& id, std::string_view method, const json& params) {
  return dump(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
}

std::string idKey(const json& id) {
  return dump(id);
}

} // namespace shrike::lsp
