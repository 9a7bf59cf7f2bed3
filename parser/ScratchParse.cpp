// ScratchParse: tree-sitter's allocator hooks and the per-thread bump arena behind them.
#include "parser/ScratchParse.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <sys/mman.h>
#include <tree_sitter/api.h>

#include "parser/TreeSitterParser.h"

namespace shrike::parser {

namespace {

// One thread's arena: a range of address space reserved once, used from its start by each
// scratch parse and rewound after it. Pages are only touched as they are used.
class ThreadArena {
public:
  ~ThreadArena() {
    if (base_) munmap(base_, reserved);
  }

  bool begin() {
    if (!base_ && !failed_) {
      void* p = mmap(nullptr, reserved, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      if (p == MAP_FAILED) {
        failed_ = true;
        return false;
      }
      base_ = static_cast<char*>(p);
    }
    if (!base_) return false;
    next_ = base_;
    last_ = nullptr;
    overflowed_ = false;
    return true;
  }

  // Rewinds; what a very large file made resident beyond `kept` goes back to the system.
  void end() {
    if (peak_ > base_ + kept) {
      madvise(base_ + kept, static_cast<size_t>(peak_ - (base_ + kept)), MADV_DONTNEED);
      peak_ = base_ + kept;
    }
    next_ = base_;
    last_ = nullptr;
  }

  bool owns(const void* p) const {
    return static_cast<const char*>(p) >= base_ && static_cast<const char*>(p) < base_ + reserved;
  }
  bool overflowed() const { return overflowed_; }

  void* allocate(size_t size) {
    size_t rounded = (size + 7) & ~size_t(7);
    if (rounded < size || rounded > static_cast<size_t>(base_ + reserved - next_) - header) {
      overflowed_ = true;
      return nullptr;
    }
    char* block = next_ + header;
    std::memcpy(next_, &rounded, sizeof rounded);
    next_ = block + rounded;
    if (next_ > peak_) peak_ = next_;
    last_ = block;
    return block;
  }

  void* reallocate(void* p, size_t size) {
    char* block = static_cast<char*>(p);
    size_t old;
    std::memcpy(&old, block - header, sizeof old);
    size_t rounded = (size + 7) & ~size_t(7);
    if (block == last_ && rounded >= size &&
        rounded <= static_cast<size_t>(base_ + reserved - block)) {
      // The newest block grows or shrinks where it is (a growing array, most often).
      std::memcpy(block - header, &rounded, sizeof rounded);
      next_ = block + rounded;
      if (next_ > peak_) peak_ = next_;
      return block;
    }
    void* moved = allocate(size);
    if (moved) std::memcpy(moved, block, old < size ? old : size);
    return moved;
  }

  void release(void* p) {
    // The newest block's room is taken back (a short-lived buffer); others wait for end().
    if (p == last_) {
      next_ = last_ - header;
      last_ = nullptr;
    }
  }

private:
  static constexpr size_t reserved = size_t(1) << 32; // address space, not memory
  static constexpr size_t kept = size_t(64) << 20;    // resident between parses at most
  static constexpr size_t header = 8;                 // each block's size, for realloc

  char* base_ = nullptr;
  char* next_ = nullptr;
  char* last_ = nullptr; // the newest block, which can grow or be taken back in place
  char* peak_ = nullptr; // the furthest any parse reached since pages were last returned
  bool overflowed_ = false;
  bool failed_ = false;
};

thread_local ThreadArena threadArena;
// The arena tree-sitter allocates from on this thread, or null for the heap.
thread_local ThreadArena* active = nullptr;

[[noreturn]] void outOfMemory(size_t size) {
  std::fprintf(stderr, "shrike: tree-sitter could not allocate %zu bytes\n", size);
  std::abort();
}

void* hookMalloc(size_t size) {
  if (ThreadArena* a = active)
    if (void* p = a->allocate(size)) return p;
  void* p = std::malloc(size);
  if (!p && size) outOfMemory(size);
  return p;
}

void* hookCalloc(size_t count, size_t size) {
  if (ThreadArena* a = active; a && (size == 0 || count <= SIZE_MAX / size))
    if (void* p = a->allocate(count * size)) return std::memset(p, 0, count * size);
  void* p = std::calloc(count, size);
  if (!p && count && size) outOfMemory(count * size);
  return p;
}

void* hookRealloc(void* p, size_t size) {
  if (ThreadArena* a = active) {
    if (!p) return hookMalloc(size);
    if (a->owns(p)) {
      if (void* moved = a->reallocate(p, size)) return moved;
      // The arena is full: the block moves to the heap.
      size_t old;
      std::memcpy(&old, static_cast<char*>(p) - 8, sizeof old);
      void* heap = std::malloc(size);
      if (!heap && size) outOfMemory(size);
      std::memcpy(heap, p, old < size ? old : size);
      return heap;
    }
  }
  void* moved = std::realloc(p, size);
  if (!moved && size) outOfMemory(size);
  return moved;
}

void hookFree(void* p) {
  if (ThreadArena* a = active; a && a->owns(p)) {
    a->release(p);
    return;
  }
  std::free(p);
}

// Installed before main, while one thread runs: tree-sitter reads the hooks unlocked. They
// hand out the heap's memory wherever no arena is active, so blocks made before and after
// are freed alike.
const bool hooksInstalled = [] {
  ts_set_allocator(hookMalloc, hookCalloc, hookRealloc, hookFree);
  return true;
}();

} // namespace

ScratchParse::ScratchParse() {
  (void)hooksInstalled;
  if (!active && threadArena.begin()) {
    active = &threadArena;
    arena_ = true;
  }
  parser_ = ts_parser_new();
  ts_parser_set_language(parser_, pythonLanguage());
}

ScratchParse::~ScratchParse() {
  // The parser's own teardown is cheap (its stack is empty after a parse) and destroys the
  // external scanner, which allocates from the heap itself.
  ts_parser_delete(parser_);
  // Nodes that went to the heap once the arena was full must be freed one by one.
  if (tree_ && (!arena_ || threadArena.overflowed())) ts_tree_delete(tree_);
  if (arena_) {
    threadArena.end();
    active = nullptr;
  }
}

const TSTree* ScratchParse::parse(std::string_view text) {
  tree_ = ts_parser_parse_string(parser_, nullptr, text.data(), static_cast<uint32_t>(text.size()));
  if (!tree_) {
    // Only a timeout or cancellation makes tree-sitter give up; neither is set.
    ts_parser_reset(parser_);
    tree_ =
        ts_parser_parse_string(parser_, nullptr, text.data(), static_cast<uint32_t>(text.size()));
  }
  return tree_;
}

HeapForTreeSitter::HeapForTreeSitter() : saved_(active) {
  active = nullptr;
}

HeapForTreeSitter::~HeapForTreeSitter() {
  active = static_cast<ThreadArena*>(saved_);
}

} // namespace shrike::parser
