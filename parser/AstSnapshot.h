// AstSnapshot: lowered Asts saved to a file and copied back in, instead of parsing their text.
//
// Typeshed's standard library stubs are the same on every run: a check of a project parses a
// few hundred of them (`builtins.pyi`, `typing.pyi`, `os/__init__.pyi`, ...) before it reads a
// line of the project. The build lowers them all once (`shrike snapshot-stubs`) and writes one
// snapshot file; at run time a stub whose text is in the snapshot gets its Ast by one copy and
// one walk that turns offsets back into pointers:
//
//     builtins.pyi  --read-->  text  --hash-->  entry  --memcpy + relink-->  Ast
//                                      (no entry: parseModule(text), as always)
//
// What a snapshot holds per text: the Ast's nodes, lists and strings as one block (pointers
// stored as offsets into the block), its syntax errors and its comments: everything
// parseModule gives. Names are stored as text and interned on first use, since a Name's id
// differs from process to process.
//
// An entry is used only for the very text it was made from (a hash of the text and its
// decoding flags, and its size). A snapshot written by another build of Shrike (the AST's
// layout or the lowering may differ: the ELF build id differs) is refused as a whole, and
// so is a damaged file; each entry's bytes carry a checksum. None of this is an error: the
// text is parsed instead.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parser/Ast.h"
#include "parser/SourceText.h"

namespace shrike::parser {

// Collects the Asts of texts and lays them out as a snapshot file.
class AstSnapshotWriter {
public:
  // Adds `ast`, parsed from `text` by parseModule. Returns false (and adds nothing) for an Ast
  // it cannot store (one made incrementally, which keeps tree-sitter state).
  bool add(const SourceText& text, const Ast& ast);
  size_t entryCount() const { return entries_.size(); }
  // The bytes of the snapshot file.
  std::string finish() const;

private:
  struct Entry {
    uint64_t key = 0;
    uint32_t textSize = 0;
    uint32_t blobSize = 0;
    std::string data; // the node block, then the syntax errors and comments
  };
  uint32_t nameIndex(Name name);

  std::vector<Entry> entries_;
  std::unordered_map<uint64_t, size_t> byKey_;
  std::vector<Name> names_;
  std::unordered_map<uint32_t, uint32_t> nameIndex_; // Name id -> 1 + index in names_
};

// A snapshot file, open for reading; thread-safe.
class AstSnapshot {
public:
  // Opens the file at `path` and reads its tables; null, with the reason in `why`, when it is
  // missing, damaged or from another build.
  static std::unique_ptr<AstSnapshot> open(const std::string& path, std::string* why = nullptr);
  // The same from bytes in memory (tests).
  static std::unique_ptr<AstSnapshot> fromBytes(std::string bytes, std::string* why = nullptr);
  ~AstSnapshot();
  AstSnapshot(const AstSnapshot&) = delete;
  AstSnapshot& operator=(const AstSnapshot&) = delete;

  // The Ast that parseModule(text) gives, when the snapshot holds this exact text and its
  // entry is intact; nothing otherwise.
  std::optional<Ast> load(const SourceText& text) const;

  size_t entryCount() const { return entryCount_; }
  size_t byteSize() const { return size_; }

private:
  AstSnapshot() = default;
  bool validate(std::string* why);
  // Reads bytes [offset, offset + size) of the file; false when they are not all there.
  bool read(uint64_t offset, size_t size, char* out) const;
  Name name(uint32_t index) const; // index is 1-based; 0 is no name

  int fd_ = -1;       // the open file, read as entries are loaded
  std::string owned_; // or the bytes themselves (fromBytes)
  size_t size_ = 0;
  std::string index_; // the entry and name tables, read at once
  size_t entryCount_ = 0;
  const char* entries_ = nullptr;
  uint32_t nameCount_ = 0;
  std::vector<uint32_t> nameOffsets_;
  const char* nameChars_ = nullptr;
  // Snapshot name index -> this process's Name id, filled as names are first met.
  std::unique_ptr<std::atomic<uint32_t>[]> names_;

  friend class SnapshotLinker;
};

// The key an entry is found by: a hash of the text and of what the lowering reads besides it.
uint64_t snapshotKey(const SourceText& text);

// This build of Shrike's identity (a hash of its ELF build id); 0 when it has none.
uint64_t buildIdentity();

} // namespace shrike::parser
