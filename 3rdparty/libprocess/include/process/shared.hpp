#ifndef PROCESS_SHARED_HPP
#define PROCESS_SHARED_HPP

// Shared<T>: shared, read-only ownership of an object (a std::shared_ptr
// that only gives const access), with a way back to single ownership:
// `own()` returns a future that becomes ready with an Owned<T> once every
// other Shared copy is gone. Thread-safety as std::shared_ptr.

#include <cstddef>
#include <memory>

#include <process/future.hpp>

#include <stout/abort.hpp>

namespace process {

template <typename T>
class Owned;

template <typename T>
class Shared {
 public:
  Shared() = default;
  Shared(std::nullptr_t) {}
  explicit Shared(T* t) {
    if (t != nullptr)
      data_ = std::make_shared<Data>(t);
  }

  bool operator==(const Shared& that) const { return get() == that.get(); }
  bool operator!=(const Shared& that) const { return get() != that.get(); }
  bool operator<(const Shared& that) const { return get() < that.get(); }
  bool operator==(std::nullptr_t) const { return get() == nullptr; }
  bool operator!=(std::nullptr_t) const { return get() != nullptr; }
  explicit operator bool() const { return get() != nullptr; }

  const T* get() const { return data_ ? data_->t : nullptr; }
  const T& operator*() const { return *checked(); }
  const T* operator->() const { return checked(); }

  // True if this is the only copy.
  bool unique() const { return data_.use_count() == 1; }

  void reset() { data_.reset(); }
  void reset(T* t) { *this = Shared(t); }
  void swap(Shared& that) { data_.swap(that.data_); }

  // Empties this copy and returns a future that becomes ready with sole
  // ownership once all other copies are gone (at once if this was the only
  // one). Aborts if empty or if own() was already called on a copy.
  Future<Owned<T>> own() {
    if (!data_)
      ABORT("Shared::own() but the Shared is empty");
    if (data_->owned.exchange(true)) {
      ABORT("Shared::own() called twice on the same object");
    }
    Future<Owned<T>> future = data_->promise.future();
    data_.reset();
    return future;
  }

 private:
  struct Data {
    explicit Data(T* t) : t(t) {}
    ~Data() {
      if (owned.load()) {
        promise.set(Owned<T>(t));
      } else {
        delete t;
      }
    }
    T* t;
    std::atomic<bool> owned{false};
    Promise<Owned<T>> promise;
  };

  const T* checked() const {
    const T* t = get();
    if (t == nullptr)
      ABORT("Dereferencing an empty Shared");
    return t;
  }

  std::shared_ptr<Data> data_;
};

}  // namespace process

#include <process/owned.hpp>

#endif  // PROCESS_SHARED_HPP
