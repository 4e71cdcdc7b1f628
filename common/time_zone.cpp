// SPDX-License-Identifier: Apache-2.0
#include "common/time_zone.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>

namespace duty {

namespace {

using namespace std::chrono;

// The ends of time as the date library states them, so that intervals compare equal to its own.
const sys_seconds kMin{date::sys_days{date::year::min() / date::January / 1}};
const sys_seconds kMax{date::sys_days{date::year::max() / date::December / 31}};

// Names that date::locate_zone never finds: the parts of the database folder that are not zones.
bool is_zone_name(std::string_view name) {
  static constexpr std::array<std::string_view, 11> kNotZones = {
      "Factory", "iso3166.tab", "right", "+VERSION", "version", "zone.tab", "zone1970.tab", "tzdata.zi",
      "leapseconds", "leap-seconds.list", ""};
  if (name.empty()) return false;
  std::size_t start = 0;
  for (;;) {
    std::size_t slash = name.find('/', start);
    std::string_view part = name.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (part.empty() || part[0] == '.' || part.substr(0, 5) == "posix" ||
        std::find(kNotZones.begin(), kNotZones.end(), part) != kNotZones.end()) {
      return false;
    }
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

// The zone and link names the database lists in its tzdata.zi ("Z Asia/Shanghai ...", "L Etc/UTC
// UTC"): the IANA names. Empty when the file is absent (older or trimmed installations).
std::set<std::string, std::less<>> listed_names(const std::string& dir) {
  std::set<std::string, std::less<>> names;
  std::ifstream in(dir + "/tzdata.zi");
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() < 3 || line[1] != ' ' || (line[0] != 'Z' && line[0] != 'L')) continue;
    std::size_t start = 2;
    if (line[0] == 'L') start = line.find(' ', 2) + 1;  // a link's name follows its target
    if (start == 0) continue;
    std::size_t end = line.find(' ', start);
    names.emplace(line.substr(start, end == std::string::npos ? end : end - start));
  }
  return names;
}

// True when the database names `name` as a zone or a link. Without a tzdata.zi, a file of the
// folder that does not stand for a fixed place is refused by name: "localtime" is a link to
// whatever zone the computer is set to.
bool is_listed(std::string_view name, const std::string& dir) {
  static std::mutex mutex;
  static std::map<std::string, std::set<std::string, std::less<>>, std::less<>> by_dir;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = by_dir.find(dir);
  if (it == by_dir.end()) it = by_dir.emplace(dir, listed_names(dir)).first;
  if (it->second.empty()) return name != "localtime";
  return it->second.contains(name);
}

// Big-endian integers from a TZif file.
class Reader {
 public:
  explicit Reader(std::string bytes) : bytes_(std::move(bytes)) {}
  bool has(std::size_t n) const { return pos_ + n <= bytes_.size(); }
  void skip(std::size_t n) { pos_ += n; }
  std::uint8_t u8() { return static_cast<std::uint8_t>(bytes_[pos_++]); }
  std::int64_t be(std::size_t width) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < width; ++i) v = (v << 8) | u8();
    if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
  }
  std::string_view view(std::size_t n) {
    std::string_view v(bytes_.data() + pos_, n);
    pos_ += n;
    return v;
  }

 private:
  std::string bytes_;
  std::size_t pos_ = 0;
};

struct Counts {
  std::size_t isut, isstd, leap, time, type, chars;
  std::size_t data_size(std::size_t time_width) const {
    return time * time_width + time + type * 6 + chars + leap * (time_width + 4) + isstd + isut;
  }
};

bool read_header(Reader& r, char& version, Counts& c) {
  if (!r.has(44) || r.view(4) != "TZif") return false;
  version = static_cast<char>(r.u8());
  r.skip(15);
  c.isut = static_cast<std::size_t>(r.be(4));
  c.isstd = static_cast<std::size_t>(r.be(4));
  c.leap = static_cast<std::size_t>(r.be(4));
  c.time = static_cast<std::size_t>(r.be(4));
  c.type = static_cast<std::size_t>(r.be(4));
  c.chars = static_cast<std::size_t>(r.be(4));
  return c.type > 0 && c.type < 256 && c.time < (1u << 20) && c.chars < (1u << 16) && c.leap < (1u << 16) &&
         c.isut <= c.type && c.isstd <= c.type;
}

}  // namespace

std::unique_ptr<TimeZone> TimeZone::load(std::string_view name, const std::string& dir) {
  if (!is_zone_name(name) || !is_listed(name, dir)) return nullptr;
  std::string path = dir + '/' + std::string(name);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  Reader r{std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())};
  char version = 0;
  Counts c{};
  if (!read_header(r, version, c)) return nullptr;
  // Version 2 and later repeat the data with 64-bit times after the 32-bit block; use those.
  std::size_t width = 4;
  if (version != 0) {
    if (!r.has(c.data_size(4))) return nullptr;
    r.skip(c.data_size(4));
    if (!read_header(r, version, c)) return nullptr;
    width = 8;
  }
  if (!r.has(c.data_size(width))) return nullptr;

  auto zone = std::unique_ptr<TimeZone>(new TimeZone);
  zone->name_ = std::string(name);
  std::vector<sys_seconds> times(c.time);
  for (auto& t : times) t = std::max(sys_seconds{seconds{r.be(width)}}, kMin);
  std::vector<std::size_t> indices(c.time);
  for (auto& i : indices) {
    i = r.u8();
    if (i >= c.type) return nullptr;
  }
  struct Raw {
    std::int64_t offset;
    bool dst;
    std::size_t abbrev;
  };
  std::vector<Raw> raw(c.type);
  for (auto& t : raw) {
    t.offset = r.be(4);
    t.dst = r.u8() != 0;
    t.abbrev = r.u8();
    if (t.abbrev >= c.chars) return nullptr;
  }
  std::string_view chars = r.view(c.chars);
  for (const auto& t : raw) {
    std::string_view rest = chars.substr(t.abbrev);
    zone->types_.push_back({seconds{t.offset}, t.dst, std::string(rest.substr(0, rest.find('\0')))});
  }
  // Before the first transition the first standard-time type holds (else the first type).
  auto& tr = zone->transitions_;
  if (times.empty() || times.front() != kMin) {
    auto first_std = std::find_if(raw.begin(), raw.end(), [](const Raw& t) { return !t.dst; });
    tr.push_back({kMin, first_std == raw.end() ? 0 : static_cast<std::size_t>(first_std - raw.begin())});
  }
  for (std::size_t i = 0; i < times.size(); ++i) tr.push_back({times[i], indices[i]});
  // A transition to a type that looks the same as the one before it changes nothing: drop it.
  auto same = [&](const Transition& a, const Transition& b) {
    const Type& x = zone->types_[a.type];
    const Type& y = zone->types_[b.type];
    return x.offset == y.offset && x.abbrev == y.abbrev && x.is_dst == y.is_dst;
  };
  tr.erase(std::unique(tr.begin(), tr.end(), same), tr.end());
  return zone;
}

date::sys_info TimeZone::info_before(Iter i) const {
  const Type& t = types_[std::prev(i)->type];
  date::sys_info r;
  r.begin = std::prev(i)->at;
  r.end = i != transitions_.end() ? i->at : kMax;
  r.offset = t.offset;
  // TZif does not record how much daylight saving adds; the date library reports 1 minute.
  r.save = t.is_dst ? minutes{1} : minutes{0};
  r.abbrev = t.abbrev;
  return r;
}

date::sys_info TimeZone::get_info(date::sys_seconds t) const {
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t,
                             [](sys_seconds x, const Transition& tr) { return x < tr.at; });
  return info_before(it == transitions_.begin() ? std::next(it) : it);
}

date::local_info TimeZone::get_info(date::local_seconds t) const {
  auto local_as_sys = sys_seconds{t.time_since_epoch()};
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), local_as_sys,
                             [&](sys_seconds x, const Transition& tr) { return x - types_[tr.type].offset < tr.at; });
  if (it == transitions_.begin()) ++it;
  date::local_info i;
  i.result = date::local_info::unique;
  i.first = info_before(it);
  auto utc = local_as_sys - i.first.offset;
  if (utc < i.first.begin + days{1} && std::prev(it) != transitions_.begin()) {
    // Near the start of its interval the same wall time may also fall at the end of the one before.
    i.second = info_before(std::prev(it));
    if (local_as_sys - i.second.offset < i.second.end) {
      i.result = date::local_info::ambiguous;
      std::swap(i.first, i.second);
    } else {
      i.second = {};
    }
  } else if (utc >= i.first.end && it != transitions_.end()) {
    i.second = info_before(std::next(it));
    if (local_as_sys - i.second.offset < i.second.begin) {
      i.result = date::local_info::nonexistent;
    } else {
      i.second = {};
    }
  }
  return i;
}

const TimeZone* find_zone(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<TimeZone>, std::less<>> zones;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = zones.find(name); it != zones.end()) return it->second.get();
  auto zone = TimeZone::load(name);
  const TimeZone* found = zone.get();
  zones.emplace(std::string(name), std::move(zone));
  return found;
}

}  // namespace duty
