// MethodTable: LSP methods bound to typed handlers. Decoding parameters into their struct
// and encoding results happen here, so a handler sees `const HoverParams&` and returns
// `Result<Hover>`, never raw JSON; a parameter of the wrong shape is answered with -32602.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

#include "checker/Cancellation.h"
#include "lsp/JsonRpc.h"
#include "lsp/Protocol.h"

namespace shrike::lsp {

// Where a request runs: on the I/O thread, in order with document changes (lifecycle and
// anything that must be ordered), or on a worker (everything that computes).
enum class RunOn { IoThread, Worker };

struct RequestContext {
  json id;
  checker::CancellationToken cancelled;
  // The version of the request's document (params.textDocument) when the request arrived,
  // if it is open: the state the client asked about. An answer computed on another version
  // is ContentModified.
  std::optional<int64_t> documentVersion;
};

class MethodTable {
public:
  using RawRequest = std::function<Result<json>(const json& params, const RequestContext&)>;
  // A notification's handler; an error is only logged, since notifications are never answered.
  using RawNotification = std::function<std::optional<RpcError>(const json& params)>;

  struct RequestEntry {
    RunOn runOn;
    RawRequest handler;
  };

  template <class Params, class Reply>
  void request(const std::string& method, RunOn runOn,
               std::function<Result<Reply>(const Params&, const RequestContext&)> handler) {
    requests_[method] =
        RequestEntry{runOn,
                     [handler = std::move(handler)](const json& params,
                                                    const RequestContext& context) -> Result<json> {
                       Params decoded{};
                       if (auto error = decode(params, decoded)) return *error;
                       Result<Reply> reply = handler(decoded, context);
                       if (!reply) return reply.error();
                       return json(reply.value());
                     }};
  }

  // Notifications run on the I/O thread in arrival order.
  template <class Params>
  void notification(const std::string& method, std::function<void(const Params&)> handler);

  const RequestEntry* findRequest(const std::string& method) const {
    auto it = requests_.find(method);
    return it == requests_.end() ? nullptr : &it->second;
  }
  const RawNotification* findNotification(const std::string& method) const {
    auto it = notifications_.find(method);
    return it == notifications_.end() ? nullptr : &it->second;
  }

  // Decodes params into T; an InvalidParams error when the shape is wrong.
  template <class T> static std::optional<RpcError> decode(const json& params, T& out) {
    try {
      from_json(params, out);
      return std::nullopt;
    } catch (const std::exception& e) {
      return rpcError(ErrorCode::InvalidParams, std::string("invalid parameters: ") + e.what());
    }
  }

private:
  std::unordered_map<std::string, RequestEntry> requests_;
  std::unordered_map<std::string, RawNotification> notifications_;
};

template <class Params>
void MethodTable::notification(const std::string& method,
                               std::function<void(const Params&)> handler) {
  notifications_[method] = [handler =
                                std::move(handler)](const json& params) -> std::optional<RpcError> {
    Params decoded{};
    if (auto error = decode(params, decoded)) return error;
    handler(decoded);
    return std::nullopt;
  };
}

} // namespace shrike::lsp
