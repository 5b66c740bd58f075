#include "runtime.hpp"

#include <glog/logging.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

#include <process/filter.hpp>
#include <process/process.hpp>

namespace process {
namespace internal {

std::atomic<Runtime*> Runtime::instance_{nullptr};

namespace {

constexpr int kBatch = 128;

std::mutex lifecycle_mutex;

std::atomic<Filter*> installed_filter{nullptr};
std::mutex filter_mutex;

size_t workerCount() {
  size_t workers = std::max(1u, std::thread::hardware_concurrency());
  if (const char* text = std::getenv("LIBPROCESS_NUM_WORKER_THREADS")) {
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (end != text && *end == '\0' && value > 0 && value <= 1024) {
      workers = static_cast<size_t>(value);
    } else {
      LOG(WARNING) << "Ignoring LIBPROCESS_NUM_WORKER_THREADS='" << text
                   << "': expected a number of threads between 1 and 1024;"
                   << " using " << workers;
    }
  }
  return workers;
}

}  // namespace

RunFrame*& currentFrame() {
  thread_local RunFrame* frame = nullptr;
  return frame;
}

void retain(ProcessHandle* handle) {
  handle->refs.fetch_add(1, std::memory_order_relaxed);
}

void release(ProcessHandle* handle) {
  if (handle->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    delete handle;
  }
}

Runtime::Runtime(size_t workers, Option<std::string> delegate)
    : delegate_(std::move(delegate)),
      timers_(loop_, busy),
      scheduler_(workers, [this](ProcessHandle* handle) { run(handle); }) {}

Runtime::~Runtime() = default;

Runtime& Runtime::get() {
  Runtime* runtime = instance();
  if (runtime == nullptr) {
    LOG(FATAL) << "libprocess is not initialized: call process::initialize()"
               << " before using processes, timers or async";
  }
  return *runtime;
}

bool Runtime::create(const Option<std::string>& delegate) {
  std::lock_guard<std::mutex> lock(lifecycle_mutex);
  if (instance() != nullptr)
    return false;
  auto* runtime = new Runtime(workerCount(), delegate);
  runtime->start();
  return true;
}

void Runtime::destroy() {
  std::lock_guard<std::mutex> lock(lifecycle_mutex);
  Runtime* runtime = instance();
  if (runtime == nullptr)
    return;
  CHECK(!Scheduler::onWorkerThread())
      << "process::finalize() called from a process handler";
  runtime->shutdown();
  instance_.store(nullptr, std::memory_order_release);
  delete runtime;
}

void Runtime::start() {
  loop_.start();
  scheduler_.start();
  Try<std::unique_ptr<Transport>> transport = createTransport(loop_, delegate_);
  if (transport.isError()) {
    LOG(ERROR) << "Failed to initialize libprocess networking: "
               << transport.error();
    std::exit(EXIT_FAILURE);
  }
  transport_ = std::move(transport.get());
  if (transport_ != nullptr)
    address_ = transport_->address();
  instance_.store(this, std::memory_order_release);
  if (transport_ != nullptr)
    transport_->started();
}

void Runtime::shutdown() {
  // Processes may spawn others while finalizing: repeat until none is left.
  while (true) {
    std::vector<HandleRef> live;
    {
      std::lock_guard<std::mutex> lock(table_mutex_);
      for (auto& [id, handle] : table_)
        live.emplace_back(handle);
    }
    if (live.empty())
      break;
    for (const HandleRef& handle : live) {
      handle->terminate_requested.store(true, std::memory_order_release);
      enqueue(handle.get(), new TerminateEvent());
    }
    for (const HandleRef& handle : live) {
      UPID pid;
      PidAccess::setHandle(pid, handle);
      wait(pid, Seconds(-1));
    }
  }
  if (transport_ != nullptr)
    transport_->shutdown();
  async.stop();
  timers_.clear();
  loop_.stop();
  scheduler_.stop();
  transport_.reset();
}

HandleRef Runtime::lookup(const std::string& id) {
  std::lock_guard<std::mutex> lock(table_mutex_);
  auto it = table_.find(id);
  return it == table_.end() ? HandleRef() : HandleRef(it->second);
}

HandleRef Runtime::lookup(const UPID& pid) {
  const HandleRef& own = PidAccess::handle(pid);
  if (own)
    return own;
  if (!isLocal(pid.address))
    return HandleRef();
  return lookup(pid.id);
}

bool Runtime::enqueue(ProcessHandle* handle, Event* event) {
  switch (handle->mailbox.push(event)) {
    case Mailbox::Push::QUEUED:
      return true;
    case Mailbox::Push::SCHEDULE:
      busy.fetch_add(1, std::memory_order_relaxed);
      scheduler_.schedule(handle);
      return true;
    case Mailbox::Push::CLOSED:
      break;
  }
  delete event;
  return false;
}

bool Runtime::deliver(const UPID& to, Event* event) {
  if (ProcessHandle* handle = PidAccess::handle(to).get()) {
    return enqueue(handle, event);
  }
  HandleRef handle = lookup(to);
  if (!handle) {
    delete event;
    return false;
  }
  return enqueue(handle.get(), event);
}

void Runtime::send(Message&& message) {
  if (HandleRef handle = lookup(message.to)) {
    if (!enqueue(handle.get(), new MessageEvent(std::move(message)))) {
      VLOG(2) << "Dropped a message for a terminated process";
    }
    return;
  }
  if (!isLocal(message.to.address)) {
    transport_->send(std::move(message));
    return;
  }
  VLOG(1) << "Dropped message '" << message.name << "' for unknown process "
          << message.to;
}

UPID Runtime::spawn(ProcessBase* process, bool manage) {
  CHECK(process != nullptr) << "spawn() of a null process";
  UPID& pid = ProcessAccess::pid(process);
  ProcessHandle* handle = PidAccess::handle(pid).get();

  auto expected = ProcessHandle::State::CREATED;
  if (!handle->state.compare_exchange_strong(expected,
                                             ProcessHandle::State::RUNNING)) {
    LOG(WARNING) << "Not spawning " << pid << ": it was spawned before";
    return UPID();
  }
  pid.address = address_;
  {
    std::lock_guard<std::mutex> lock(table_mutex_);
    if (!table_.emplace(pid.id, handle).second) {
      handle->state.store(ProcessHandle::State::CREATED);
      LOG(WARNING) << "Not spawning a process with id '" << pid.id
                   << "': a live process already has that id";
      return UPID();
    }
    retain(handle);
  }
  handle->process = process;
  handle->manage = manage;

  // Copy before handing the token over: a managed process may be deleted
  // as soon as it runs.
  UPID result = pid;
  CHECK(handle->mailbox.open());
  busy.fetch_add(1, std::memory_order_relaxed);
  scheduler_.schedule(handle);
  return result;
}

void Runtime::terminate(const UPID& pid, bool inject) {
  HandleRef handle = lookup(pid);
  if (!handle)
    return;
  if (inject) {
    handle->terminate_requested.store(true, std::memory_order_release);
  }
  enqueue(handle.get(), new TerminateEvent());
}

bool Runtime::wait(const UPID& pid, const Duration& timeout) {
  HandleRef handle = lookup(pid);
  if (!handle || handle->state.load(std::memory_order_acquire) ==
                     ProcessHandle::State::CREATED) {
    return true;
  }
  if (Scheduler::onWorkerThread())
    return waitOnWorker(handle.get(), timeout);

  auto terminated = [&]() {
    return handle->state.load(std::memory_order_acquire) ==
           ProcessHandle::State::TERMINATED;
  };
  std::unique_lock<std::mutex> lock(terminated_mutex_);
  if (timeout < Duration::zero()) {
    terminated_.wait(lock, terminated);
    return true;
  }
  return terminated_.wait_for(lock, std::chrono::nanoseconds(timeout.ns()),
                              terminated);
}

bool Runtime::waitOnWorker(ProcessHandle* handle, const Duration& timeout) {
  const auto start = std::chrono::steady_clock::now();
  while (handle->state.load(std::memory_order_acquire) !=
         ProcessHandle::State::TERMINATED) {
    for (RunFrame* frame = currentFrame(); frame != nullptr;
         frame = frame->outer) {
      if (frame->handle == handle) {
        LOG(FATAL) << "process::wait() for '" << handle->id
                   << "' from within its own handler (directly or through"
                   << " a nested wait) can never return";
      }
    }
    if (scheduler_.runOne())
      continue;
    if (timeout >= Duration::zero() &&
        std::chrono::steady_clock::now() - start >=
            std::chrono::nanoseconds(timeout.ns())) {
      return false;
    }
    std::unique_lock<std::mutex> lock(terminated_mutex_);
    terminated_.wait_for(lock, std::chrono::microseconds(200));
  }
  return true;
}

void Runtime::run(ProcessHandle* handle) {
  RunFrame frame{handle, currentFrame()};
  currentFrame() = &frame;
  struct Restore {
    RunFrame* outer;
    ~Restore() { currentFrame() = outer; }
  } restore{frame.outer};

  if (!handle->initialized) {
    handle->initialized = true;
    ProcessAccess::initialize(handle->process);
  }

  for (int handled = 0;;) {
    if (handle->terminate_requested.load(std::memory_order_acquire)) {
      finish(handle);
      return;
    }
    Event* event = handle->mailbox.pop();
    if (event == nullptr) {
      if (handle->mailbox.tryBlock()) {
        // The token is back in the mailbox: `handle` may already be running
        // elsewhere, so it must not be touched any more.
        busy.fetch_sub(1, std::memory_order_acq_rel);
        return;
      }
      continue;
    }
    if (event->kind == Event::Kind::TERMINATE) {
      delete event;
      finish(handle);
      return;
    }
    if (!filtered(handle, *event))
      this->handle(handle, event);
    delete event;
    if (++handled == kBatch) {
      if (scheduler_.othersWaiting()) {
        scheduler_.yield(handle);
        return;
      }
      handled = 0;
    }
  }
}

void Runtime::handle(ProcessHandle* handle, Event* event) {
  ProcessBase* process = handle->process;
  switch (event->kind) {
    case Event::Kind::DISPATCH:
      static_cast<DispatchEvent*>(event)->run(process);
      break;
    case Event::Kind::MESSAGE:
      ProcessAccess::visit(process, *static_cast<MessageEvent*>(event));
      break;
    case Event::Kind::EXITED: {
      const UPID& pid = static_cast<ExitedEvent*>(event)->pid;
      ProcessAccess::links(process).erase(pid);
      ProcessAccess::exited(process, pid);
      break;
    }
    case Event::Kind::HTTP: {
      auto* http = static_cast<HttpEvent*>(event);
      if (http->serve)
        http->serve(*process);
      break;
    }
    case Event::Kind::TERMINATE:
      LOG(FATAL) << "Unreachable: terminate is handled by run()";
  }
}

bool Runtime::filtered(ProcessHandle* handle, const Event& event) {
  if (installed_filter.load(std::memory_order_acquire) == nullptr) {
    return false;
  }
  std::lock_guard<std::mutex> lock(filter_mutex);
  Filter* filter = installed_filter.load(std::memory_order_relaxed);
  return filter != nullptr &&
         filter->filter(ProcessAccess::pid(handle->process), event);
}

void Runtime::finish(ProcessHandle* handle) {
  HandleRef keep(handle);
  ProcessBase* process = handle->process;
  handle->state.store(ProcessHandle::State::TERMINATING);

  ProcessAccess::finalize(process);

  bool registered = false;
  {
    std::lock_guard<std::mutex> lock(table_mutex_);
    auto it = table_.find(handle->id);
    if (it != table_.end() && it->second == handle) {
      table_.erase(it);
      registered = true;
    }
  }
  if (registered)
    release(handle);

  for (Event* event = handle->mailbox.close(); event != nullptr;) {
    Event* next = event->next;
    delete event;
    event = next;
  }

  // Forget this process's own links so targets do not keep it listed.
  const UPID self = ProcessAccess::pid(process);
  for (const UPID& target : ProcessAccess::links(process)) {
    if (HandleRef linked = lookup(target)) {
      std::lock_guard<std::mutex> lock(linked->links_mutex);
      auto& linkers = linked->linkers;
      for (auto it = linkers.begin(); it != linkers.end(); ++it) {
        if (PidAccess::handle(*it).get() == handle) {
          linkers.erase(it);
          break;
        }
      }
    } else if (!isLocal(target.address)) {
      std::lock_guard<std::mutex> lock(remote_mutex_);
      auto it = remote_links_.find(target.address);
      if (it != remote_links_.end()) {
        auto& links = it->second;
        for (auto link = links.begin(); link != links.end();) {
          link = link->first == self ? links.erase(link) : link + 1;
        }
        if (links.empty())
          remote_links_.erase(it);
      }
    }
  }

  std::vector<UPID> linkers;
  {
    std::lock_guard<std::mutex> lock(handle->links_mutex);
    handle->linkers_closed = true;
    linkers.swap(handle->linkers);
  }
  for (const UPID& linker : linkers)
    deliver(linker, new ExitedEvent(self));

  handle->process = nullptr;
  if (handle->manage)
    delete process;

  handle->state.store(ProcessHandle::State::TERMINATED,
                      std::memory_order_release);
  { std::lock_guard<std::mutex> lock(terminated_mutex_); }
  terminated_.notify_all();
  busy.fetch_sub(1, std::memory_order_acq_rel);
}

void Runtime::link(ProcessBase* process, const UPID& to, bool reconnect) {
  const UPID& self = ProcessAccess::pid(process);
  if (!ProcessAccess::links(process).insert(to).second) {
    // Already linked; a remote link may still ask for a new connection.
    if (reconnect && !isLocal(to.address) && !lookup(to))
      transport_->link(self, to, true);
    return;
  }

  if (HandleRef target = lookup(to)) {
    bool gone;
    {
      std::lock_guard<std::mutex> lock(target->links_mutex);
      gone = target->linkers_closed ||
             target->state.load() == ProcessHandle::State::CREATED;
      if (!gone)
        target->linkers.push_back(self);
    }
    if (gone)
      deliver(self, new ExitedEvent(to));
    return;
  }
  if (!isLocal(to.address)) {
    {
      std::lock_guard<std::mutex> lock(remote_mutex_);
      remote_links_[to.address].emplace_back(self, to);
    }
    transport_->link(self, to, reconnect);
    return;
  }
  deliver(self, new ExitedEvent(to));
}

void Runtime::remoteExited(const network::inet::Address& address) {
  std::vector<std::pair<UPID, UPID>> links;
  {
    std::lock_guard<std::mutex> lock(remote_mutex_);
    auto it = remote_links_.find(address);
    if (it == remote_links_.end())
      return;
    links.swap(it->second);
    remote_links_.erase(it);
  }
  for (auto& [linker, target] : links) {
    deliver(linker, new ExitedEvent(target));
  }
}

}  // namespace internal

bool initialize(const Option<std::string>& delegate) {
  return internal::Runtime::create(delegate);
}

void finalize() {
  internal::Runtime::destroy();
}

void filter(Filter* filter) {
  std::lock_guard<std::mutex> lock(internal::filter_mutex);
  internal::installed_filter.store(filter, std::memory_order_release);
}

}  // namespace process
