#ifndef STOUT_NOTHING_HPP
#define STOUT_NOTHING_HPP

// The value of an operation that succeeds without producing anything:
// `Try<Nothing>`, `Future<Nothing>`.
struct Nothing {
  bool operator==(const Nothing&) const { return true; }
  bool operator!=(const Nothing&) const { return false; }
};

#endif  // STOUT_NOTHING_HPP
