// Protocol: to_json/from_json for the LSP types.
#include "lsp/Protocol.h"

#include <initializer_list>
#include <limits>
#include <stdexcept>

namespace shrike::lsp {

namespace {

// Thrown by from_json for a missing or mistyped field; turned into -32602 by the dispatcher.
[[noreturn]] void shapeError(std::string what) {
  throw std::invalid_argument(std::move(what));
}

const json& field(const json& j, const char* key) {
  if (!j.is_object()) shapeError(std::string("expected an object holding \"") + key + "\"");
  auto it = j.find(key);
  if (it == j.end()) shapeError(std::string("missing \"") + key + "\"");
  return *it;
}

// A field that may be absent or null.
const json* optionalField(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string stringField(const json& j, const char* key) {
  const json& value = field(j, key);
  if (!value.is_string()) shapeError(std::string("\"") + key + "\" must be a string");
  return value.get<std::string>();
}

uint32_t unsignedValue(const json& value, const char* key) {
  if (value.is_number_unsigned()) {
    uint64_t v = value.get<uint64_t>();
    return v > std::numeric_limits<uint32_t>::max() ? std::numeric_limits<uint32_t>::max()
                                                    : static_cast<uint32_t>(v);
  }
  shapeError(std::string("\"") + key + "\" must be a non-negative integer");
}

// Walks nested objects leniently: null when any step is missing or not an object.
const json* lookup(const json& j, std::initializer_list<const char*> keys) {
  const json* at = &j;
  for (const char* key : keys) {
    if (!at->is_object()) return nullptr;
    auto it = at->find(key);
    if (it == at->end()) return nullptr;
    at = &*it;
  }
  return at;
}

bool isTrue(const json* value) {
  return value && value->is_boolean() && value->get<bool>();
}

} // namespace

void to_json(json& j, const Position& p) {
  j = json{{"line", p.line}, {"character", p.character}};
}

void from_json(const json& j, Position& p) {
  p.line = unsignedValue(field(j, "line"), "line");
  p.character = unsignedValue(field(j, "character"), "character");
}

void to_json(json& j, const Range& r) {
  j = json{{"start", r.start}, {"end", r.end}};
}

void from_json(const json& j, Range& r) {
  from_json(field(j, "start"), r.start);
  from_json(field(j, "end"), r.end);
}

void to_json(json& j, const Location& l) {
  j = json{{"uri", l.uri}, {"range", l.range}};
}

void from_json(const json& j, Location& l) {
  l.uri = stringField(j, "uri");
  from_json(field(j, "range"), l.range);
}

void from_json(const json& j, TextDocumentIdentifier& t) {
  t.uri = stringField(j, "uri");
}

void from_json(const json& j, TextDocumentItem& t) {
  t.uri = stringField(j, "uri");
  t.languageId = j.is_object() && j.contains("languageId") && j["languageId"].is_string()
                     ? j["languageId"].get<std::string>()
                     : std::string("python");
  const json& version = field(j, "version");
  if (!version.is_number_integer()) shapeError("\"version\" must be an integer");
  t.version = version.get<int64_t>();
  t.text = stringField(j, "text");
}

void from_json(const json& j, VersionedTextDocumentIdentifier& t) {
  t.uri = stringField(j, "uri");
  if (const json* version = optionalField(j, "version")) {
    if (!version->is_number_integer()) shapeError("\"version\" must be an integer");
    t.version = version->get<int64_t>();
  }
}

void from_json(const json& j, TextDocumentPositionParams& p) {
  from_json(field(j, "textDocument"), p.textDocument);
  from_json(field(j, "position"), p.position);
}

void to_json(json& j, const WorkspaceFolder& f) {
  j = json{{"uri", f.uri}, {"name", f.name}};
}

void from_json(const json& j, WorkspaceFolder& f) {
  f.uri = stringField(j, "uri");
  const json* name = optionalField(j, "name");
  f.name = name && name->is_string() ? name->get<std::string>() : f.uri;
}

void from_json(const json& j, ClientCapabilities& c) {
  if (const json* encodings = lookup(j, {"general", "positionEncodings"});
      encodings && encodings->is_array()) {
    for (const json& e : *encodings)
      if (e.is_string()) c.positionEncodings.push_back(e.get<std::string>());
  }
  c.relatedInformation =
      isTrue(lookup(j, {"textDocument", "publishDiagnostics", "relatedInformation"}));
  c.diagnosticVersionSupport =
      isTrue(lookup(j, {"textDocument", "publishDiagnostics", "versionSupport"}));
  const json* pull = lookup(j, {"textDocument", "diagnostic"});
  c.pullDiagnostics = pull && pull->is_object();
  c.hierarchicalDocumentSymbols =
      isTrue(lookup(j, {"textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport"}));
  if (const json* formats = lookup(j, {"textDocument", "hover", "contentFormat"});
      formats && formats->is_array()) {
    for (const json& f : *formats)
      if (f == "markdown") c.hoverMarkdown = true;
  }
  c.workDoneProgress = isTrue(lookup(j, {"window", "workDoneProgress"}));
  c.watchedFilesDynamicRegistration =
      isTrue(lookup(j, {"workspace", "didChangeWatchedFiles", "dynamicRegistration"}));
  c.watchedFilesRelativePatterns =
      isTrue(lookup(j, {"workspace", "didChangeWatchedFiles", "relativePatternSupport"}));
  c.configuration = isTrue(lookup(j, {"workspace", "configuration"}));
  c.workspaceFolders = isTrue(lookup(j, {"workspace", "workspaceFolders"}));
  c.diagnosticRefresh = isTrue(lookup(j, {"workspace", "diagnostics", "refreshSupport"}));
}

void from_json(const json& j, InitializeParams& p) {
  if (!j.is_object()) shapeError("initialize needs an object of parameters");
  if (const json* pid = optionalField(j, "processId")) {
    if (!pid->is_number_integer()) shapeError("\"processId\" must be an integer or null");
    p.processId = pid->get<int64_t>();
  }
  if (const json* root = optionalField(j, "rootUri")) {
    if (!root->is_string()) shapeError("\"rootUri\" must be a string or null");
    p.rootUri = root->get<std::string>();
  }
  if (const json* root = optionalField(j, "rootPath"); root && root->is_string())
    p.rootPath = root->get<std::string>();
  if (const json* folders = optionalField(j, "workspaceFolders")) {
    if (!folders->is_array()) shapeError("\"workspaceFolders\" must be an array or null");
    p.workspaceFolders.emplace();
    for (const json& folder : *folders)
      p.workspaceFolders->push_back(folder.get<WorkspaceFolder>());
  }
  const json& capabilities = field(j, "capabilities");
  if (!capabilities.is_object()) shapeError("\"capabilities\" must be an object");
  from_json(capabilities, p.capabilities);
  if (const json* options = optionalField(j, "initializationOptions"))
    p.initializationOptions = *options;
  if (const json* name = lookup(j, {"clientInfo", "name"}); name && name->is_string())
    p.clientName = name->get<std::string>();
}

void to_json(json& j, const ServerCapabilities& c) {
  j = json::object();
  j["positionEncoding"] = c.positionEncoding;
  j["textDocumentSync"] = {{"openClose", true}, {"change", 2}, {"save", {{"includeText", true}}}};
  j["workspace"] = {{"workspaceFolders", {{"supported", true}, {"changeNotifications", true}}}};
  if (c.documentSymbolProvider) j["documentSymbolProvider"] = true;
  if (c.workspaceSymbolProvider) j["workspaceSymbolProvider"] = true;
  if (c.pullDiagnostics) {
    j["diagnosticProvider"] = {
        {"identifier", "shrike"}, {"interFileDependencies", true}, {"workspaceDiagnostics", false}};
  }
  if (c.definitionProvider) j["definitionProvider"] = true;
  if (c.declarationProvider) j["declarationProvider"] = true;
  if (c.typeDefinitionProvider) j["typeDefinitionProvider"] = true;
  if (c.referencesProvider) j["referencesProvider"] = true;
  if (c.hoverProvider) j["hoverProvider"] = true;
  if (c.documentHighlightProvider) j["documentHighlightProvider"] = true;
}

void to_json(json& j, const InitializeResult& r) {
  j = json{{"capabilities", r.capabilities},
           {"serverInfo", {{"name", r.serverName}, {"version", r.serverVersion}}}};
}

void from_json(const json& j, DidOpenTextDocumentParams& p) {
  from_json(field(j, "textDocument"), p.textDocument);
}

void from_json(const json& j, TextDocumentContentChangeEvent& e) {
  if (const json* range = optionalField(j, "range")) e.range = range->get<Range>();
  e.text = stringField(j, "text");
}

void from_json(const json& j, DidChangeTextDocumentParams& p) {
  from_json(field(j, "textDocument"), p.textDocument);
  const json& changes = field(j, "contentChanges");
  if (!changes.is_array()) shapeError("\"contentChanges\" must be an array");
  for (const json& change : changes)
    p.contentChanges.push_back(change.get<TextDocumentContentChangeEvent>());
}

void from_json(const json& j, DidCloseTextDocumentParams& p) {
  from_json(field(j, "textDocument"), p.textDocument);
}

void from_json(const json& j, DidSaveTextDocumentParams& p) {
  from_json(field(j, "textDocument"), p.textDocument);
  if (const json* text = optionalField(j, "text"); text && text->is_string())
    p.text = text->get<std::string>();
}

void from_json(const json& j, DidChangeConfigurationParams& p) {
  if (const json* settings = optionalField(j, "settings")) p.settings = *settings;
}

void from_json(const json& j, FileEvent& e) {
  e.uri = stringField(j, "uri");
  const json& type = field(j, "type");
  if (!type.is_number_integer() || type.get<int>() < 1 || type.get<int>() > 3)
    shapeError("\"type\" must be 1, 2 or 3");
  e.type = static_cast<FileChangeType>(type.get<int>());
}

void from_json(const json& j, DidChangeWatchedFilesParams& p) {
  const json& changes = field(j, "changes");
  if (!changes.is_array()) shapeError("\"changes\" must be an array");
  for (const json& change : changes) p.changes.push_back(change.get<FileEvent>());
}

void from_json(const json& j, DidChangeWorkspaceFoldersParams& p) {
  const json& event = field(j, "event");
  for (const json& f : field(event, "added")) p.event.added.push_back(f.get<WorkspaceFolder>());
  for (const json& f : field(event, "removed")) p.event.removed.push_back(f.get<WorkspaceFolder>());
}

void from_json(const json& j, CancelParams& p) {
  const json& id = field(j, "id");
  if (!id.is_number_integer() && !id.is_string())
    shapeError("\"id\" must be an integer or a string");
  p.id = id;
}

void to_json(json& j, const DiagnosticRelatedInformation& r) {
  j = json{{"location", r.location}, {"message", r.message}};
}

void to_json(json& j, const Diagnostic& d) {
  j = json{{"range", d.range},
           {"severity", static_cast<int>(d.severity)},
           {"code", d.code},
           {"source", d.source},
           {"message", d.message}};
  if (!d.relatedInformation.empty()) j["relatedInformation"] = d.relatedInformation;
}

void to_json(json& j, const PublishDiagnosticsParams& p) {
  j = json{{"uri", p.uri}, {"diagnostics", p.diagnostics}};
  if (p.version) j["version"] = *p.version;
}

void from_json(const json& j, DocumentDiagnosticParams& p) {
  from_json(field(j, "textDocument"), p.textDocument);
  if (const json* previous = optionalField(j, "previousResultId");
      previous && previous->is_string())
    p.previousResultId = previous->get<std::string>();
}

void to_json(json& j, const DocumentDiagnosticReport& r) {
  if (r.unchanged) {
    j = json{{"kind", "unchanged"}, {"resultId", r.resultId}};
    return;
  }
  j = json{{"kind", "full"}, {"items", r.items}};
  if (!r.resultId.empty()) j["resultId"] = r.resultId;
}

void from_json(const json& j, DocumentSymbolParams& p) {
  from_json(field(j, "textDocument"), p.textDocument);
}

void to_json(json& j, const DocumentSymbol& s) {
  j = json{{"name", s.name},
           {"kind", static_cast<int>(s.kind)},
           {"range", s.range},
           {"selectionRange", s.selectionRange}};
  if (!s.detail.empty()) j["detail"] = s.detail;
  if (!s.children.empty()) j["children"] = s.children;
}

void to_json(json& j, const SymbolInformation& s) {
  j = json{{"name", s.name}, {"kind", static_cast<int>(s.kind)}, {"location", s.location}};
  if (!s.containerName.empty()) j["containerName"] = s.containerName;
}

void from_json(const json& j, WorkspaceSymbolParams& p) {
  p.query = stringField(j, "query");
}

void from_json(const json& j, ReferenceParams& p) {
  from_json(field(j, "textDocument"), p.textDocument);
  from_json(field(j, "position"), p.position);
  if (const json* include = lookup(j, {"context", "includeDeclaration"});
      include && include->is_boolean())
    p.includeDeclaration = include->get<bool>();
}

void to_json(json& j, const Hover& h) {
  j = json{{"contents", {{"kind", h.contents.kind}, {"value", h.contents.value}}},
           {"range", h.range}};
}

void to_json(json& j, const DocumentHighlight& h) {
  j = json{{"range", h.range}, {"kind", static_cast<int>(h.kind)}};
}

void to_json(json& j, const WorkDoneProgressCreateParams& p) {
  j = json{{"token", p.token}};
}

void to_json(json& j, const ProgressParams& p) {
  json value = {{"kind", p.value.kind}};
  if (p.value.kind == "begin") {
    value["title"] = p.value.title;
    value["cancellable"] = false;
  }
  if (p.value.message) value["message"] = *p.value.message;
  if (p.value.percentage && p.value.kind != "end") value["percentage"] = *p.value.percentage;
  j = json{{"token", p.token}, {"value", value}};
}

void to_json(json& j, const RegistrationParams& p) {
  json registrations = json::array();
  for (const Registration& r : p.registrations) {
    json watchers = json::array();
    for (const FileSystemWatcher& w : r.watchers)
      watchers.push_back({{"globPattern", w.globPattern}});
    registrations.push_back(
        {{"id", r.id}, {"method", r.method}, {"registerOptions", {{"watchers", watchers}}}});
  }
  j = json{{"registrations", registrations}};
}

void to_json(json& j, const LogMessageParams& p) {
  j = json{{"type", static_cast<int>(p.type)}, {"message", p.message}};
}

void to_json(json& j, const ConfigurationParams& p) {
  json items = json::array();
  for (const ConfigurationItem& item : p.items) {
    json entry = {{"section", item.section}};
    if (item.scopeUri) entry["scopeUri"] = *item.scopeUri;
    items.push_back(entry);
  }
  j = json{{"items", items}};
}

} // namespace shrike::lsp
