#ifndef PROCESS_OWNED_HPP
#define PROCESS_OWNED_HPP

// Owned<T>: a pointer with one logical owner.
//
// Copies are allowed (so an Owned can travel through std::function and
// dispatch) but all copies denote the same single ownership: the object is
// deleted when the last copy goes away. `share()` hands ownership over to
// a `Shared<T>` (read-only, many holders) and `release()` to the caller;
// both empty every copy. Copying and destroying are thread-safe; using one
// Owned object from several threads at once is not.

#include <atomic>
#include <cstddef>
#include <memory>

#include <stout/abort.hpp>

namespace process {

template <typename T>
class Shared;

template <typename T>
class Owned {
 public:
  Owned() = default;
  Owned(std::nullptr_t) {}
  explicit Owned(T* t) {
    if (t != nullptr)
      data_ = std::make_shared<Data>(t);
  }

  bool operator==(const Owned& that) const { return get() == that.get(); }
  bool operator!=(const Owned& that) const { return get() != that.get(); }
  bool operator<(const Owned& that) const { return get() < that.get(); }
  bool operator==(std::nullptr_t) const { return get() == nullptr; }
  bool operator!=(std::nullptr_t) const { return get() != nullptr; }
  explicit operator bool() const { return get() != nullptr; }

  T* get() const {
    return data_ ? data_->t.load(std::memory_order_acquire) : nullptr;
  }
  T& operator*() const { return *checked(); }
  T* operator->() const { return checked(); }

  void reset() { data_.reset(); }
  void reset(T* t) { *this = Owned(t); }
  void swap(Owned& that) { data_.swap(that.data_); }

  // Converts to a Shared<T>; aborts if ownership was already given away.
  Shared<T> share();

  // Gives up ownership: returns the pointer (the caller must delete it) and
  // leaves every copy empty; aborts if ownership was already given away.
  T* release() {
    T* t = data_ ? data_->t.exchange(nullptr) : nullptr;
    if (t == nullptr)
      ABORT("Owned::release() but the Owned is empty");
    data_.reset();
    return t;
  }

 private:
  struct Data {
    explicit Data(T* t) : t(t) {}
    ~Data() { delete t.load(); }
    std::atomic<T*> t;
  };

  T* checked() const {
    T* t = get();
    if (t == nullptr)
      ABORT("Dereferencing an empty Owned");
    return t;
  }

  std::shared_ptr<Data> data_;
};

}  // namespace process

#include <process/shared.hpp>

namespace process {

template <typename T>
Shared<T> Owned<T>::share() {
  return Shared<T>(release());
}

}  // namespace process

#endif  // PROCESS_OWNED_HPP
