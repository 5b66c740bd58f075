#include <process/gmock.hpp>

#include <memory>
#include <mutex>
#include <vector>

#include <process/filter.hpp>

namespace process {

namespace {

// The filter behind the FUTURE_/DROP_ helpers. Installed while at least one
// expectation exists.
class TestFilter : public Filter {
 public:
  void add(internal::Expectation expectation) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      expectations_.push_back(
          std::make_shared<internal::Expectation>(std::move(expectation)));
    }
    // Outside our lock: filter() below runs under the runtime's filter
    // lock and then takes ours.
    process::filter(this);
  }

  void clear() {
    std::vector<std::shared_ptr<internal::Expectation>> dropped;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      dropped.swap(expectations_);
    }
    process::filter(nullptr);
  }

  bool filter(const UPID& process, const Event& event) override {
    std::shared_ptr<internal::Expectation> match;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (auto it = expectations_.rbegin(); it != expectations_.rend(); ++it) {
        if ((*it)->matches(process, event)) {
          match = *it;
          if (match->mode == internal::Expectation::Mode::ONCE) {
            expectations_.erase(std::next(it).base());
          }
          break;
        }
      }
    }
    if (match == nullptr)
      return false;
    if (match->satisfy)
      match->satisfy(process, event);
    return match->drop;
  }

 private:
  std::mutex mutex_;
  std::vector<std::shared_ptr<internal::Expectation>> expectations_;
};

TestFilter& testFilter() {
  static TestFilter* filter = new TestFilter();
  return *filter;
}

internal::Expectation messageExpectation(const MessageMatcher& name,
                                         const PidMatcher& from,
                                         const PidMatcher& to) {
  internal::Expectation expectation;
  expectation.matches = [name, from, to](const UPID&, const Event& event) {
    if (event.kind != Event::Kind::MESSAGE)
      return false;
    const Message& message = static_cast<const MessageEvent&>(event).message;
    return name.Matches(message.name) && from.Matches(message.from) &&
           to.Matches(message.to);
  };
  return expectation;
}

}  // namespace

namespace testing {

void clearExpectations() {
  testFilter().clear();
}

}  // namespace testing

namespace internal {

void expect(Expectation expectation) {
  testFilter().add(std::move(expectation));
}

bool matchDispatch(const PidMatcher& pid, const UPID& process,
                   const Event& event) {
  return event.kind == Event::Kind::DISPATCH && pid.Matches(process);
}

}  // namespace internal

Future<Message> FutureMessage(const MessageMatcher& name,
                              const PidMatcher& from, const PidMatcher& to,
                              bool drop) {
  auto promise = std::make_shared<Promise<Message>>();
  internal::Expectation expectation = messageExpectation(name, from, to);
  expectation.drop = drop;
  expectation.satisfy = [promise](const UPID&, const Event& event) {
    promise->set(static_cast<const MessageEvent&>(event).message);
  };
  internal::expect(std::move(expectation));
  return promise->future();
}

void DropMessages(const MessageMatcher& name, const PidMatcher& from,
                  const PidMatcher& to) {
  internal::Expectation expectation = messageExpectation(name, from, to);
  expectation.mode = internal::Expectation::Mode::ALWAYS;
  expectation.drop = true;
  internal::expect(std::move(expectation));
}

void ExpectNoFutureMessages(const MessageMatcher& name, const PidMatcher& from,
                            const PidMatcher& to) {
  internal::Expectation expectation = messageExpectation(name, from, to);
  expectation.mode = internal::Expectation::Mode::ALWAYS;
  expectation.satisfy = [](const UPID& process, const Event& event) {
    const Message& message = static_cast<const MessageEvent&>(event).message;
    ADD_FAILURE() << "Unexpected message '" << message.name << "' from "
                  << message.from << " to " << process;
  };
  internal::expect(std::move(expectation));
}

Future<Nothing> FutureExited(const PidMatcher& pid, const PidMatcher& to,
                             bool drop) {
  auto promise = std::make_shared<Promise<Nothing>>();
  internal::Expectation expectation;
  expectation.matches = [pid, to](const UPID& process, const Event& event) {
    return event.kind == Event::Kind::EXITED &&
           pid.Matches(static_cast<const ExitedEvent&>(event).pid) &&
           to.Matches(process);
  };
  expectation.drop = drop;
  expectation.satisfy = [promise](const UPID&, const Event&) {
    promise->set(Nothing());
  };
  internal::expect(std::move(expectation));
  return promise->future();
}

}  // namespace process
