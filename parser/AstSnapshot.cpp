// AstSnapshot: the file format, the writer (pointers to offsets) and the loader (back again).
//
// The file, all numbers in the machine's byte order (a snapshot never leaves its build):
//
//     Header
//     FileEntry[entryCount]           sorted by key
//     uint32 nameOffsets[nameCount+1], then the names' characters
//     per entry, 16-aligned: the node block (blobSize bytes), then its syntax errors
//                           (count, then start, end, length, message) and comments
//                           (count, then start, end), all uint32
//
// The node block is an Ast cloned into one contiguous arena block (cloneShifted), in which
// every pointer is replaced by its offset from the block's start (null stays 0: offset 0 is
// the Module, nobody's child), every Name by its 1-based index in the name table, and every
// parent link by null (the loader sets parents as it walks down). Children always come
// after their parent in the block, so the loader, which insists on that, cannot loop.
#include "parser/AstSnapshot.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parser/AstClone.h"
#include "parser/AstLinks.h"
#include "parser/AstLowering.h"

namespace shrike::parser {

namespace {

constexpr char magic[8] = {'S', 'H', 'R', 'K', 'A', 'S', 'T', '1'};
constexpr uint32_t formatVersion = 1;
constexpr size_t blockAlignment = 16;

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t entryCount;
  uint64_t build;
  uint64_t entriesOffset;
  uint64_t namesOffset;
  uint32_t nameCount;
  uint32_t reserved;
  uint64_t nameBytes;
  uint64_t indexChecksum; // of the entries and the name table
  uint64_t fileSize;
};

struct FileEntry {
  uint64_t key;
  uint64_t dataOffset;
  uint64_t checksum; // of the entry's data
  uint32_t textSize;
  uint32_t blobSize;
  uint32_t dataSize;
  uint32_t reserved;
};

constexpr uint32_t nodeKindCount = 0
#define SHRIKE_COUNT_KIND(kind) +1
    SHRIKE_AST_NODE_KINDS(SHRIKE_COUNT_KIND)
#undef SHRIKE_COUNT_KIND
    ;

// A fast 64-bit hash, 8 bytes a step. Each step is a bijection of the state for a given word
// and of the word for a given state, so texts that differ in one word never collide.
uint64_t hashBytes(const char* data, size_t size, uint64_t seed) {
  constexpr uint64_t k1 = 0x9E3779B97F4A7C15ull, k2 = 0xC2B2AE3D27D4EB4Full;
  uint64_t h = seed ^ (size * k2);
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, data + i, 8);
    h ^= word * k1;
    h = ((h << 31) | (h >> 33)) * k2;
  }
  uint64_t tail = 0;
  if (size > i) std::memcpy(&tail, data + i, size - i);
  h ^= (tail * k1) ^ (size - i);
  h = ((h << 31) | (h >> 33)) * k2;
  // A final mix, so that every input bit reaches every output bit.
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}

void appendU32(std::string& out, uint32_t value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void padTo(std::string& out, size_t alignment) {
  out.resize((out.size() + alignment - 1) / alignment * alignment, '\0');
}

template <class T> T readAt(const char* at) {
  T value;
  std::memcpy(&value, at, sizeof value);
  return value;
}

// The writer's walk: pointers into the block become offsets, names become table indexes.
class Unlinker {
public:
  Unlinker(const char* base, size_t size, std::function<uint32_t(Name)> nameIndex)
      : base_(reinterpret_cast<uintptr_t>(base)), size_(size), nameIndex_(std::move(nameIndex)) {}

  bool outside = false; // a pointer led out of the block: the Ast cannot be stored

  void node(Node* n) {
    n->parent = nullptr;
    visitLinks(n, *this);
  }
  template <class T> bool enter(Node*) { return true; }
  template <class T> void child(T*& field) {
    if (!field) return;
    node(field);
    field = reinterpret_cast<T*>(offsetOf(field));
  }
  template <class T> void children(List<T*>& list) {
    if (list.empty()) {
      list = {};
      return;
    }
    for (T*& item : list) child(item);
    list = List<T*>(reinterpret_cast<T**>(offsetOf(list.data())), list.size());
  }
  void identifier(Identifier& id) { name(id.name); }
  void identifiers(List<Identifier>& list) {
    for (Identifier& id : list) identifier(id);
    list = relocated(list);
  }
  template <class T> void values(List<T>& list) { list = relocated(list); }
  void name(Name& n) {
    if (n) n = Name{nameIndex_(n)};
  }
  void string(std::string_view& text) {
    if (text.empty()) {
      text = {};
      return;
    }
    text = std::string_view(reinterpret_cast<const char*>(offsetOf(text.data())), text.size());
  }

private:
  uintptr_t offsetOf(const void* pointer) {
    uintptr_t at = reinterpret_cast<uintptr_t>(pointer);
    if (at <= base_ || at - base_ >= size_) outside = true;
    return at - base_;
  }
  template <class T> List<T> relocated(List<T> list) {
    if (list.empty()) return {};
    return List<T>(reinterpret_cast<T*>(offsetOf(list.data())), list.size());
  }

  uintptr_t base_;
  size_t size_;
  std::function<uint32_t(Name)> nameIndex_;
};

} // namespace

// The loader's walk: offsets become pointers into the copied block, each checked to lie
// inside it, after its parent, and to hold a node of the kind the field expects.
class SnapshotLinker {
public:
  SnapshotLinker(char* base, size_t size, const AstSnapshot& snapshot)
      : base_(base), size_(size), snapshot_(snapshot) {}

  bool failed = false;

  bool linkRoot() {
    if (!fits(0, sizeof(Module), alignof(Module))) return false;
    auto* root = reinterpret_cast<Node*>(base_);
    if (root->kind != NodeKind::Module) return false;
    root->parent = nullptr;
    descend(root, 0);
    return !failed;
  }

  template <class T> bool enter(Node* n) {
    if (!fits(static_cast<uintptr_t>(reinterpret_cast<char*>(n) - base_), sizeof(T), alignof(T)))
      failed = true;
    return !failed;
  }
  template <class T> void child(T*& field) {
    if (failed || !field) return;
    uintptr_t at = reinterpret_cast<uintptr_t>(field);
    field = nullptr;
    if (at <= current_ || !fits(at, sizeof(Node), alignof(Node))) {
      failed = true;
      return;
    }
    auto* n = reinterpret_cast<Node*>(base_ + at);
    if (static_cast<uint32_t>(n->kind) >= nodeKindCount || !T::classof(n)) {
      failed = true;
      return;
    }
    n->parent = parent_;
    descend(n, at);
    field = static_cast<T*>(n);
  }
  template <class T> void children(List<T*>& list) {
    list = linked(list);
    for (T*& item : list) child(item);
  }
  void identifier(Identifier& id) { name(id.name); }
  void identifiers(List<Identifier>& list) {
    list = linked(list);
    for (Identifier& id : list) identifier(id);
  }
  template <class T> void values(List<T>& list) { list = linked(list); }
  void name(Name& n) {
    if (!n) return;
    if (n.id > snapshot_.nameCount_) {
      failed = true;
      n = Name{};
      return;
    }
    n = snapshot_.name(n.id);
  }
  void string(std::string_view& text) {
    if (text.empty()) return;
    uintptr_t at = reinterpret_cast<uintptr_t>(text.data());
    if (!fits(at, text.size(), 1)) {
      failed = true;
      text = {};
      return;
    }
    text = std::string_view(base_ + at, text.size());
  }

private:
  bool fits(uintptr_t at, size_t bytes, size_t alignment) const {
    return at < size_ && bytes <= size_ - at && at % alignment == 0;
  }
  void descend(Node* n, uintptr_t at) {
    if (depth_ > maxSyntaxDepth + 16) {
      failed = true;
      return;
    }
    Node* savedParent = parent_;
    uintptr_t savedCurrent = current_;
    parent_ = n;
    current_ = at;
    ++depth_;
    visitLinks(n, *this);
    --depth_;
    parent_ = savedParent;
    current_ = savedCurrent;
  }
  template <class T> List<T> linked(List<T> list) {
    if (failed || list.empty()) return {};
    uintptr_t at = reinterpret_cast<uintptr_t>(list.data());
    if (list.size() > size_ / sizeof(T) || !fits(at, list.size() * sizeof(T), alignof(T))) {
      failed = true;
      return {};
    }
    return List<T>(reinterpret_cast<T*>(base_ + at), list.size());
  }

  char* base_;
  size_t size_;
  const AstSnapshot& snapshot_;
  Node* parent_ = nullptr;
  uintptr_t current_ = 0;
  uint32_t depth_ = 0;
};

// ---- keys and identity -------------------------------------------------------------------

uint64_t snapshotKey(const SourceText& text) {
  // The lowering reads the decoding's flags too (checkEncoding's syntax errors).
  uint64_t flags = (text.hadInvalidUtf8() ? 1u : 0u) | (text.hadByteOrderMark() ? 2u : 0u) |
                   (uint64_t(text.firstInvalidUtf8Offset()) << 2);
  return hashBytes(text.text().data(), text.text().size(), flags * 0x9E3779B97F4A7C15ull + 1);
}

uint64_t buildIdentity() {
  static const uint64_t identity = [] {
    uint64_t found = 0;
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* out) -> int {
          // The first object is the program itself.
          for (int i = 0; i < info->dlpi_phnum; ++i) {
            const ElfW(Phdr)& segment = info->dlpi_phdr[i];
            if (segment.p_type != PT_NOTE) continue;
            const char* at = reinterpret_cast<const char*>(info->dlpi_addr + segment.p_vaddr);
            const char* end = at + segment.p_memsz;
            while (at + sizeof(ElfW(Nhdr)) <= end) {
              auto note = readAt<ElfW(Nhdr)>(at);
              const char* name = at + sizeof(ElfW(Nhdr));
              const char* desc = name + ((note.n_namesz + 3) & ~3u);
              if (desc + note.n_descsz > end) break;
              if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
                  std::memcmp(name, "GNU", 4) == 0 && note.n_descsz > 0) {
                *static_cast<uint64_t*>(out) = hashBytes(desc, note.n_descsz, formatVersion) | 1;
                return 1;
              }
              at = desc + ((note.n_descsz + 3) & ~3u);
            }
          }
          return 1;
        },
        &found);
    return found;
  }();
  return identity;
}

// ---- the writer --------------------------------------------------------------------------

uint32_t AstSnapshotWriter::nameIndex(Name name) {
  auto [it, added] = nameIndex_.emplace(name.id, 0);
  if (added) {
    names_.push_back(name);
    it->second = static_cast<uint32_t>(names_.size());
  }
  return it->second;
}

bool AstSnapshotWriter::add(const SourceText& text, const Ast& ast) {
  if (ast.reusable || !ast.module) return false;
  uint64_t key = snapshotKey(text);
  if (byKey_.count(key)) return true; // the same text again: the same Ast
  // A copy in one block: reserve room enough (the clone copies strings that pointed into the
  // text), and try again larger when the arena had to take a second block.
  size_t room = ast.arena.bytesUsed() + text.size() + 4096;
  for (int attempt = 0; attempt < 4; ++attempt, room *= 2) {
    Arena scratch;
    scratch.reserve(room);
    size_t reserved = scratch.bytesReserved();
    Node* copy = cloneShifted(static_cast<const Node*>(ast.module), scratch, 0, nullptr);
    if (scratch.bytesReserved() != reserved) continue;
    char* base = reinterpret_cast<char*>(copy);
    size_t used = scratch.bytesUsed();
    Unlinker unlinker(base, used, [this](Name n) { return nameIndex(n); });
    unlinker.node(copy);
    if (unlinker.outside) return false;
    Entry entry;
    entry.key = key;
    entry.textSize = text.size();
    entry.blobSize = static_cast<uint32_t>(used);
    entry.data.assign(base, used);
    appendU32(entry.data, static_cast<uint32_t>(ast.syntaxErrors.size()));
    for (const SyntaxError& error : ast.syntaxErrors) {
      appendU32(entry.data, error.range.start);
      appendU32(entry.data, error.range.end);
      appendU32(entry.data, static_cast<uint32_t>(error.message.size()));
      entry.data.append(error.message);
    }
    appendU32(entry.data, static_cast<uint32_t>(ast.comments.size()));
    for (const Comment& comment : ast.comments) {
      appendU32(entry.data, comment.range.start);
      appendU32(entry.data, comment.range.end);
    }
    byKey_.emplace(key, entries_.size());
    entries_.push_back(std::move(entry));
    return true;
  }
  return false;
}

std::string AstSnapshotWriter::finish() const {
  std::vector<const Entry*> sorted;
  for (const Entry& entry : entries_) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(),
            [](const Entry* a, const Entry* b) { return a->key < b->key; });

  std::string names;
  std::vector<uint32_t> nameOffsets{0};
  for (Name name : names_) {
    names.append(name.text());
    nameOffsets.push_back(static_cast<uint32_t>(names.size()));
  }

  Header header{};
  std::memcpy(header.magic, magic, sizeof magic);
  header.version = formatVersion;
  header.entryCount = static_cast<uint32_t>(sorted.size());
  header.build = buildIdentity();
  header.entriesOffset = sizeof(Header);
  header.namesOffset = header.entriesOffset + sorted.size() * sizeof(FileEntry);
  header.nameCount = static_cast<uint32_t>(names_.size());
  header.nameBytes = names.size();

  std::string out(header.namesOffset, '\0');
  out.append(reinterpret_cast<const char*>(nameOffsets.data()),
             nameOffsets.size() * sizeof(uint32_t));
  out.append(names);
  std::vector<FileEntry> table;
  for (const Entry* entry : sorted) {
    padTo(out, blockAlignment);
    FileEntry e{};
    e.key = entry->key;
    e.dataOffset = out.size();
    e.checksum = hashBytes(entry->data.data(), entry->data.size(), e.key);
    e.textSize = entry->textSize;
    e.blobSize = entry->blobSize;
    e.dataSize = static_cast<uint32_t>(entry->data.size());
    table.push_back(e);
    out.append(entry->data);
  }
  std::memcpy(out.data() + header.entriesOffset, table.data(), table.size() * sizeof(FileEntry));
  size_t indexEnd = header.namesOffset + nameOffsets.size() * sizeof(uint32_t) + names.size();
  header.indexChecksum =
      hashBytes(out.data() + header.entriesOffset, indexEnd - header.entriesOffset, header.build);
  header.fileSize = out.size();
  std::memcpy(out.data(), &header, sizeof header);
  return out;
}

// ---- the loader --------------------------------------------------------------------------

std::unique_ptr<AstSnapshot> AstSnapshot::open(const std::string& path, std::string* why) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (why) *why = path + ": " + std::strerror(errno);
    return nullptr;
  }
  struct stat status {};
  if (fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
    ::close(fd);
    if (why) *why = path + ": not a snapshot file";
    return nullptr;
  }
  std::unique_ptr<AstSnapshot> snapshot(new AstSnapshot());
  snapshot->fd_ = fd;
  snapshot->size_ = static_cast<size_t>(status.st_size);
  if (!snapshot->validate(why)) {
    if (why) *why = path + ": " + *why;
    return nullptr;
  }
  return snapshot;
}

std::unique_ptr<AstSnapshot> AstSnapshot::fromBytes(std::string bytes, std::string* why) {
  std::unique_ptr<AstSnapshot> snapshot(new AstSnapshot());
  snapshot->owned_ = std::move(bytes);
  snapshot->size_ = snapshot->owned_.size();
  if (!snapshot->validate(why)) return nullptr;
  return snapshot;
}

AstSnapshot::~AstSnapshot() {
  if (fd_ >= 0) ::close(fd_);
}

bool AstSnapshot::read(uint64_t offset, size_t size, char* out) const {
  if (offset > size_ || size > size_ - offset) return false;
  if (fd_ < 0) {
    std::memcpy(out, owned_.data() + offset, size);
    return true;
  }
  while (size > 0) {
    ssize_t got = ::pread(fd_, out, size, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    out += got;
    offset += static_cast<uint64_t>(got);
    size -= static_cast<size_t>(got);
  }
  return true;
}

bool AstSnapshot::validate(std::string* why) {
  auto refuse = [&](const char* reason) {
    if (why) *why = reason;
    return false;
  };
  Header header{};
  if (!read(0, sizeof header, reinterpret_cast<char*>(&header)))
    return refuse("too short to be a snapshot");
  if (std::memcmp(header.magic, magic, sizeof magic) != 0 || header.version != formatVersion)
    return refuse("not a snapshot of this format");
  if (header.build == 0 || header.build != buildIdentity())
    return refuse("written by another build of shrike");
  if (header.fileSize != size_) return refuse("damaged (its size is wrong)");
  uint64_t entriesEnd = header.entriesOffset + uint64_t(header.entryCount) * sizeof(FileEntry);
  uint64_t nameTable = uint64_t(header.nameCount + 1) * sizeof(uint32_t);
  if (header.entriesOffset != sizeof(Header) || entriesEnd != header.namesOffset ||
      header.namesOffset + nameTable + header.nameBytes > size_)
    return refuse("damaged (its tables do not fit)");
  // The tables are read once and kept; the entries' data is read as each is loaded.
  uint64_t indexEnd = header.namesOffset + nameTable + header.nameBytes;
  index_.resize(indexEnd - header.entriesOffset);
  if (!read(header.entriesOffset, index_.size(), index_.data()))
    return refuse("damaged (its tables cannot be read)");
  if (hashBytes(index_.data(), index_.size(), header.build) != header.indexChecksum)
    return refuse("damaged (its tables' checksum is wrong)");
  entryCount_ = header.entryCount;
  entries_ = index_.data();
  nameCount_ = header.nameCount;
  nameOffsets_.resize(nameCount_ + 1);
  std::memcpy(nameOffsets_.data(), index_.data() + (header.namesOffset - header.entriesOffset),
              nameTable);
  nameChars_ = index_.data() + (header.namesOffset - header.entriesOffset) + nameTable;
  for (uint32_t i = 0; i < nameCount_; ++i)
    if (nameOffsets_[i] > nameOffsets_[i + 1] || nameOffsets_[i + 1] > header.nameBytes)
      return refuse("damaged (its name table is inconsistent)");
  names_ = std::make_unique<std::atomic<uint32_t>[]>(nameCount_ + 1);
  return true;
}

Name AstSnapshot::name(uint32_t index) const {
  // Acquire/release: Name::text reads the interner's table without a lock, so a thread that
  // takes an id another thread stored here must also see the text written when it was
  // interned (ThreadSanitizer found the relaxed version racing on a stdlib check).
  uint32_t id = names_[index].load(std::memory_order_acquire);
  if (id) return Name{id};
  // Interning is idempotent, so two threads that race here store the same id.
  Name interned = intern(std::string_view(nameChars_ + nameOffsets_[index - 1],
                                          nameOffsets_[index] - nameOffsets_[index - 1]));
  names_[index].store(interned.id, std::memory_order_release);
  return interned;
}

std::optional<Ast> AstSnapshot::load(const SourceText& text) const {
  if (entryCount_ == 0) return std::nullopt;
  uint64_t key = snapshotKey(text);
  size_t low = 0, high = entryCount_;
  while (low < high) {
    size_t middle = (low + high) / 2;
    if (readAt<uint64_t>(entries_ + middle * sizeof(FileEntry)) < key)
      low = middle + 1;
    else
      high = middle;
  }
  if (low == entryCount_) return std::nullopt;
  auto entry = readAt<FileEntry>(entries_ + low * sizeof(FileEntry));
  if (entry.key != key || entry.textSize != text.size()) return std::nullopt;
  if (entry.blobSize > entry.dataSize) return std::nullopt;

  // Read straight into the Ast's arena (no mapping: only what is loaded takes memory), then
  // checked, then linked in place.
  Ast ast;
  ast.arena.reserve(entry.dataSize + blockAlignment);
  auto* block = static_cast<char*>(ast.arena.allocate(entry.dataSize, blockAlignment));
  if (!read(entry.dataOffset, entry.dataSize, block) ||
      hashBytes(block, entry.dataSize, entry.key) != entry.checksum)
    return std::nullopt;
  const char* data = block;
  SnapshotLinker linker(block, entry.blobSize, *this);
  if (!linker.linkRoot()) return std::nullopt;
  ast.module = reinterpret_cast<Module*>(block);

  // The syntax errors and comments, each read only where the data has room for it.
  const char* at = data + entry.blobSize;
  const char* end = data + entry.dataSize;
  auto readU32 = [&](uint32_t& value) {
    if (end - at < 4) return false;
    value = readAt<uint32_t>(at);
    at += 4;
    return true;
  };
  uint32_t errorCount = 0;
  if (!readU32(errorCount)) return std::nullopt;
  for (uint32_t i = 0; i < errorCount; ++i) {
    SyntaxError error;
    uint32_t length = 0;
    if (!readU32(error.range.start) || !readU32(error.range.end) || !readU32(length) ||
        static_cast<size_t>(end - at) < length)
      return std::nullopt;
    error.message.assign(at, length);
    at += length;
    ast.syntaxErrors.push_back(std::move(error));
  }
  uint32_t commentCount = 0;
  if (!readU32(commentCount) || static_cast<size_t>(end - at) / 8 < commentCount)
    return std::nullopt;
  ast.comments.resize(commentCount);
  for (Comment& comment : ast.comments) {
    readU32(comment.range.start);
    readU32(comment.range.end);
  }
  return ast;
}

} // namespace shrike::parser
