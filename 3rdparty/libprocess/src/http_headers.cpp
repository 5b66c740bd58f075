#include <process/http.hpp>

namespace process {
namespace http {

namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

}  // namespace

bool iequals(std::string_view left, std::string_view right) {
  if (left.size() != right.size()) {
    return false;
  }
  for (size_t i = 0; i < left.size(); ++i) {
    if (lower(left[i]) != lower(right[i])) {
      return false;
    }
  }
  return true;
}

Headers::Headers(std::initializer_list<value_type> entries) {
  entries_.reserve(entries.size());
  for (const value_type& entry : entries) {
    put(entry.first, entry.second);
  }
}

const std::string* Headers::find(std::string_view name) const {
  for (const value_type& entry : entries_) {
    if (iequals(entry.first, name)) {
      return &entry.second;
    }
  }
  return nullptr;
}

Option<std::string> Headers::get(std::string_view name) const {
  const std::string* value = find(name);
  if (value == nullptr) {
    return None();
  }
  return *value;
}

bool Headers::operator==(const Headers& that) const {
  if (size() != that.size()) {
    return false;
  }
  for (const value_type& entry : entries_) {
    const std::string* value = that.find(entry.first);
    if (value == nullptr || *value != entry.second) {
      return false;
    }
  }
  return true;
}

std::string& Headers::operator[](std::string_view name) {
  for (value_type& entry : entries_) {
    if (iequals(entry.first, name)) {
      return entry.second;
    }
  }
  entries_.emplace_back(std::string(name), std::string());
  return entries_.back().second;
}

void Headers::put(std::string name, std::string value) {
  for (value_type& entry : entries_) {
    if (iequals(entry.first, name)) {
      entry.second = std::move(value);
      return;
    }
  }
  entries_.emplace_back(std::move(name), std::move(value));
}

void Headers::add(std::string name, std::string value) {
  for (value_type& entry : entries_) {
    if (iequals(entry.first, name)) {
      entry.second.append(", ");
      entry.second.append(value);
      return;
    }
  }
  entries_.emplace_back(std::move(name), std::move(value));
}

bool Headers::erase(std::string_view name) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (iequals(it->first, name)) {
      entries_.erase(it);
      return true;
    }
  }
  return false;
}

}  // namespace http
}  // namespace process
