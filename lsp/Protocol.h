// Protocol: the LSP's types as plain structs with to_json/from_json, field names as in the
// specification. Handlers see only these; raw JSON stays in this file and JsonRpc.
//
// from_json is strict about what a request must carry (a wrong shape becomes -32602
// InvalidParams) and lenient about what is optional, above all the client's capabilities:
// a capability of an unexpected shape is read as absent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace nlohmann {
// std::optional as "absent or null" — nlohmann_json 3.11 has no built-in support.
template <class T> struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& value) {
    if (value)
      j = *value;
    else
      j = nullptr;
  }
  static void from_json(const json& j, std::optional<T>& value) {
    if (j.is_null())
      value.reset();
    else
      value = j.get<T>();
  }
};
} // namespace nlohmann

namespace shrike::lsp {

using json = nlohmann::json;

// Requests without parameters (shutdown) accept anything, as most servers do.
struct NoParams {};
inline void from_json(const json&, NoParams&) {}

// ---- basics ----------------------------------------------------------------------------------

struct Position {
  uint32_t line = 0;
  uint32_t character = 0;
  bool operator==(const Position&) const = default;
};
void to_json(json& j, const Position& p);
void from_json(const json& j, Position& p);

struct Range {
  Position start;
  Position end;
  bool operator==(const Range&) const = default;
};
void to_json(json& j, const Range& r);
void from_json(const json& j, Range& r);

struct Location {
  std::string uri;
  Range range;
};
void to_json(json& j, const Location& l);
void from_json(const json& j, Location& l);

struct TextDocumentIdentifier {
  std::string uri;
};
void from_json(const json& j, TextDocumentIdentifier& t);

struct TextDocumentItem {
  std::string uri;
  std::string languageId;
  int64_t version = 0;
  std::string text;
};
void from_json(const json& j, TextDocumentItem& t);

struct VersionedTextDocumentIdentifier {
  std::string uri;
  std::optional<int64_t> version;
};
void from_json(const json& j, VersionedTextDocumentIdentifier& t);

struct TextDocumentPositionParams {
  TextDocumentIdentifier textDocument;
  Position position;
};
void from_json(const json& j, TextDocumentPositionParams& p);

// ---- lifecycle -------------------------------------------------------------------------------

struct WorkspaceFolder {
  std::string uri;
  std::string name;
};
void to_json(json& j, const WorkspaceFolder& f);
void from_json(const json& j, WorkspaceFolder& f);

// The client capabilities the server acts on, read leniently.
struct ClientCapabilities {
  std::vector<std::string> positionEncodings; // general.positionEncodings
  bool relatedInformation = false;            // publishDiagnostics.relatedInformation
  bool diagnosticVersionSupport = false;      // publishDiagnostics.versionSupport
  bool pullDiagnostics = false;               // textDocument.diagnostic present
  bool hierarchicalDocumentSymbols = false;
  bool hoverMarkdown = false; // hover.contentFormat lists markdown
  bool workDoneProgress = false;
  bool watchedFilesDynamicRegistration = false;
  bool watchedFilesRelativePatterns = false;
  bool configuration = false;    // workspace/configuration requests
  bool workspaceFolders = false; // workspace.workspaceFolders
  bool diagnosticRefresh = false;
};
void from_json(const json& j, ClientCapabilities& c);

struct InitializeParams {
  std::optional<int64_t> processId;
  std::optional<std::string> rootUri;
  std::optional<std::string> rootPath;
  std::optional<std::vector<WorkspaceFolder>> workspaceFolders;
  ClientCapabilities capabilities;
  json initializationOptions; // server settings, the same shape as workspace configuration
  std::string clientName;
};
void from_json(const json& j, InitializeParams& p);

// What the server advertises; only what is implemented is ever set.
struct ServerCapabilities {
  std::string positionEncoding = "utf-16";
  bool documentSymbolProvider = false;
  bool workspaceSymbolProvider = false;
  bool pullDiagnostics = false;
  bool definitionProvider = false;
  bool declarationProvider = false;
  bool typeDefinitionProvider = false;
  bool referencesProvider = false;
  bool hoverProvider = false;
  bool documentHighlightProvider = false;
};
void to_json(json& j, const ServerCapabilities& c);

struct InitializeResult {
  ServerCapabilities capabilities;
  std::string serverName = "shrike";
  std::string serverVersion;
};
void to_json(json& j, const InitializeResult& r);

// ---- documents -------------------------------------------------------------------------------

struct DidOpenTextDocumentParams {
  TextDocumentItem textDocument;
};
void from_json(const json& j, DidOpenTextDocumentParams& p);

// A change: `range` set for an incremental edit, absent for a whole new text.
struct TextDocumentContentChangeEvent {
  std::optional<Range> range;
  std::string text;
};
void from_json(const json& j, TextDocumentContentChangeEvent& e);

struct DidChangeTextDocumentParams {
  VersionedTextDocumentIdentifier textDocument;
  std::vector<TextDocumentContentChangeEvent> contentChanges;
};
void from_json(const json& j, DidChangeTextDocumentParams& p);

struct DidCloseTextDocumentParams {
  TextDocumentIdentifier textDocument;
};
void from_json(const json& j, DidCloseTextDocumentParams& p);

struct DidSaveTextDocumentParams {
  TextDocumentIdentifier textDocument;
  std::optional<std::string> text;
};
void from_json(const json& j, DidSaveTextDocumentParams& p);

// ---- workspace -------------------------------------------------------------------------------

struct DidChangeConfigurationParams {
  json settings; // kept whole: its shape is the server's own settings, read by Configuration
};
void from_json(const json& j, DidChangeConfigurationParams& p);

enum class FileChangeType { Created = 1, Changed = 2, Deleted = 3 };

struct FileEvent {
  std::string uri;
  FileChangeType type = FileChangeType::Changed;
};
void from_json(const json& j, FileEvent& e);

struct DidChangeWatchedFilesParams {
  std::vector<FileEvent> changes;
};
void from_json(const json& j, DidChangeWatchedFilesParams& p);

struct WorkspaceFoldersChangeEvent {
  std::vector<WorkspaceFolder> added;
  std::vector<WorkspaceFolder> removed;
};
struct DidChangeWorkspaceFoldersParams {
  WorkspaceFoldersChangeEvent event;
};
void from_json(const json& j, DidChangeWorkspaceFoldersParams& p);

struct CancelParams {
  json id;
};
void from_json(const json& j, CancelParams& p);

// ---- diagnostics -----------------------------------------------------------------------------

struct DiagnosticRelatedInformation {
  Location location;
  std::string message;
};
void to_json(json& j, const DiagnosticRelatedInformation& r);

enum class DiagnosticSeverity { Error = 1, Warning = 2, Information = 3, Hint = 4 };

struct Diagnostic {
  Range range;
  DiagnosticSeverity severity = DiagnosticSeverity::Error;
  std::string code;
  std::string source = "shrike";
  std::string message;
  std::vector<DiagnosticRelatedInformation> relatedInformation;
};
void to_json(json& j, const Diagnostic& d);

struct PublishDiagnosticsParams {
  std::string uri;
  std::optional<int64_t> version;
  std::vector<Diagnostic> diagnostics;
};
void to_json(json& j, const PublishDiagnosticsParams& p);

struct DocumentDiagnosticParams {
  TextDocumentIdentifier textDocument;
  std::optional<std::string> previousResultId;
};
void from_json(const json& j, DocumentDiagnosticParams& p);

// A full report (kind "full"), or "unchanged" when the result id still holds.
struct DocumentDiagnosticReport {
  bool unchanged = false;
  std::string resultId;
  std::vector<Diagnostic> items;
};
void to_json(json& j, const DocumentDiagnosticReport& r);

// ---- symbols ---------------------------------------------------------------------------------

enum class SymbolKind {
  File = 1,
  Module = 2,
  Namespace = 3,
  Package = 4,
  Class = 5,
  Method = 6,
  Property = 7,
  Field = 8,
  Constructor = 9,
  Enum = 10,
  Interface = 11,
  Function = 12,
  Variable = 13,
  Constant = 14,
  TypeParameter = 26,
};

struct DocumentSymbolParams {
  TextDocumentIdentifier textDocument;
};
void from_json(const json& j, DocumentSymbolParams& p);

struct DocumentSymbol {
  std::string name;
  std::string detail;
  SymbolKind kind = SymbolKind::Variable;
  Range range;
  Range selectionRange;
  std::vector<DocumentSymbol> children;
};
void to_json(json& j, const DocumentSymbol& s);

// The flat form, for clients without hierarchical support and for workspace/symbol.
struct SymbolInformation {
  std::string name;
  SymbolKind kind = SymbolKind::Variable;
  Location location;
  std::string containerName;
};
void to_json(json& j, const SymbolInformation& s);

struct WorkspaceSymbolParams {
  std::string query;
};
void from_json(const json& j, WorkspaceSymbolParams& p);

// ---- navigation -----------------------------------------------------------------------------

struct ReferenceParams {
  TextDocumentIdentifier textDocument;
  Position position;
  bool includeDeclaration = true;
};
void from_json(const json& j, ReferenceParams& p);

struct MarkupContent {
  std::string kind = "markdown"; // or "plaintext"
  std::string value;
};

struct Hover {
  MarkupContent contents;
  Range range;
};
void to_json(json& j, const Hover& h);

enum class DocumentHighlightKind { Text = 1, Read = 2, Write = 3 };

struct DocumentHighlight {
  Range range;
  DocumentHighlightKind kind = DocumentHighlightKind::Text;
};
void to_json(json& j, const DocumentHighlight& h);

// ---- progress and registration ---------------------------------------------------------------

struct WorkDoneProgressCreateParams {
  std::string token;
};
void to_json(json& j, const WorkDoneProgressCreateParams& p);

// One $/progress value: kind "begin", "report" or "end".
struct WorkDoneProgress {
  std::string kind;
  std::string title;
  std::optional<std::string> message;
  std::optional<uint32_t> percentage;
};
struct ProgressParams {
  std::string token;
  WorkDoneProgress value;
};
void to_json(json& j, const ProgressParams& p);

struct FileSystemWatcher {
  std::string globPattern;
};
struct Registration {
  std::string id;
  std::string method;
  std::vector<FileSystemWatcher> watchers; // for workspace/didChangeWatchedFiles
};
struct RegistrationParams {
  std::vector<Registration> registrations;
};
void to_json(json& j, const RegistrationParams& p);

enum class MessageType { Error = 1, Warning = 2, Info = 3, Log = 4 };
struct LogMessageParams {
  MessageType type = MessageType::Info;
  std::string message;
};
void to_json(json& j, const LogMessageParams& p);

struct ConfigurationItem {
  std::optional<std::string> scopeUri;
  std::string section;
};
struct ConfigurationParams {
  std::vector<ConfigurationItem> items;
};
void to_json(json& j, const ConfigurationParams& p);

} // namespace shrike::lsp
