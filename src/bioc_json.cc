#include "bioc_json.h"

#include "format.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <istream>
#include <optional>
#include <streambuf>
#include <unordered_map>
#include <vector>

#include "ascii.h"
#include "bioc_common.h"
#include "entity_types.h"
#include "input_error.h"

namespace biotator {

namespace {

// Ordered, so infons keep the order they were written in.
using Json = nlohmann::ordered_json;

constexpr size_t kReadChunk = 1 << 18;

// ---------------------------------------------------------------------------------------
// Reading
//
// nlohmann's parsers consume a whole JSON text in one call, which would load a 2 GB
// collection whole. So the reader walks the outer container itself, one punctuation
// character at a time ('{', '[', ',', ':', ']', '}'), and hands every value in it (member
// names, header values, each document) to nlohmann's parser in non-strict mode, which stops
// right after the value. Only one document is in memory at a time.

// A streambuf over a ByteSource that knows the line of its read position.
class SourceStreambuf final : public std::streambuf {
 public:
  explicit SourceStreambuf(ByteSource& source) : source_(source), buffer_(kReadChunk + 1) {
    setg(buffer_.data(), buffer_.data(), buffer_.data());
    counted_ = buffer_.data();
  }

  // 1-based line of the next unread character.
  uint64_t line() {
    sync_lines();
    return newlines_ + 1;
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    sync_lines();
    // Keep the last character so that one sungetc() always works (see parse_value).
    char* base = buffer_.data();
    size_t keep = 0;
    if (egptr() > eback()) {
      base[0] = egptr()[-1];
      keep = 1;
    }
    const size_t got = source_.read(base + keep, buffer_.size() - keep);
    setg(base, base + keep, base + keep + got);
    counted_ = gptr();
    return got == 0 ? traits_type::eof() : traits_type::to_int_type(*gptr());
  }

 private:
  // Brings the newline count up to (or, after sungetc, back to) the read position.
  void sync_lines() {
    char* pos = gptr();
    if (pos >= counted_) newlines_ += static_cast<uint64_t>(std::count(counted_, pos, '\n'));
    else newlines_ -= static_cast<uint64_t>(std::count(pos, counted_, '\n'));
    counted_ = pos;
  }

  ByteSource& source_;
  std::vector<char> buffer_;
  char* counted_;          // newlines before this position are in newlines_
  uint64_t newlines_ = 0;
};

// nlohmann's messages carry a line and column counted from where this value's parse
// began, which would mislead next to the absolute line; keep only the reason.
std::string parse_error_reason(const std::string& what) {
  size_t column = what.find("column ");
  size_t colon = column == std::string::npos ? std::string::npos : what.find(": ", column);
  if (colon != std::string::npos) return what.substr(colon + 2);
  return what;
}

std::string as_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return {};
  return v.dump();
}

class BiocJsonReader final : public DocumentReader {
 public:
  BiocJsonReader(std::unique_ptr<ByteSource> source, const ReaderOptions& options)
      : source_(std::move(source)), options_(options), streambuf_(*source_), in_(&streambuf_) {
    if (source_->peek(3) == "\xEF\xBB\xBF") {  // a UTF-8 byte order mark is not JSON
      char bom[3];
      source_->read(bom, sizeof bom);
    }
  }

  bool next(Document& doc) override;

 private:
  enum class State { kTop, kArrayFirst, kArrayNext, kMemberFirst, kMemberNext, kDone };

  int skip_space();
  Json parse_value();
  void expect(char c, const char* what);
  [[noreturn]] void fail_fatal(const std::string& reason);
  void convert_document(const Json& j, uint64_t line, Document& doc);

  std::unique_ptr<ByteSource> source_;
  ReaderOptions options_;
  SourceStreambuf streambuf_;
  std::istream in_;
  State state_ = State::kTop;
  bool array_in_object_ = false;  // the documents array is a member of a top-level object
  Json top_object_;               // members of a top-level object other than its documents
  uint64_t top_object_line_ = 0;
  bool top_object_had_documents_ = false;
};

int BiocJsonReader::skip_space() {
  for (;;) {
    const int c = streambuf_.sgetc();
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return c;
    streambuf_.sbumpc();
  }
}

void BiocJsonReader::fail_fatal(const std::string& reason) {
  state_ = State::kDone;
  throw InputError(source_->name(), streambuf_.line(), reason, /*recoverable=*/false);
}

void BiocJsonReader::expect(char c, const char* what) {
  const int got = skip_space();
  if (got == std::char_traits<char>::eof()) fail_fatal(std::string("truncated JSON: expected ") + what);
  if (got != c) fail_fatal(std::string("malformed JSON: expected ") + what);
  streambuf_.sbumpc();
}

Json BiocJsonReader::parse_value() {
  Json value;
  nlohmann::detail::json_sax_dom_parser<Json> builder(value, /*allow_exceptions=*/true);
  in_.clear();
  try {
    Json::sax_parse(in_, &builder, nlohmann::json::input_format_t::json, /*strict=*/false);
  } catch (const nlohmann::json::exception& e) {
    fail_fatal("malformed JSON: " + parse_error_reason(e.what()));
  }
  // The lexer reads one character past a number to see where it ends; give it back
  // unless the input ended there.
  if (value.is_number() && !in_.eof()) streambuf_.sungetc();
  return value;
}

bool BiocJsonReader::next(Document& doc) {
  doc = Document();
  constexpr int kEof = std::char_traits<char>::eof();
  for (;;) {
    switch (state_) {
      case State::kDone: return false;

      case State::kTop: {  // several top-level values (JSON lines) are read one after the other
        const int c = skip_space();
        if (c == kEof) {
          state_ = State::kDone;
          return false;
        }
        if (c == '[') {
          streambuf_.sbumpc();
          array_in_object_ = false;
          state_ = State::kArrayFirst;
        } else if (c == '{') {
          top_object_line_ = streambuf_.line();
          streambuf_.sbumpc();
          top_object_ = Json::object();
          top_object_had_documents_ = false;
          state_ = State::kMemberFirst;
        } else {
          fail_fatal("not BioC JSON: expected a collection, a document or an array of documents");
        }
        continue;
      }

      case State::kArrayFirst:
      case State::kArrayNext: {
        int c = skip_space();
        if (c == ']') {
          streambuf_.sbumpc();
          state_ = array_in_object_ ? State::kMemberNext : State::kTop;
          continue;
        }
        if (state_ == State::kArrayNext) {
          expect(',', "',' or ']' after a document");
          c = skip_space();
        }
        if (c == kEof) fail_fatal("truncated JSON: the array of documents is not closed");
        if (c != '{') fail_fatal("malformed JSON: expected a document object");
        const uint64_t line = streambuf_.line();
        const Json j = parse_value();
        state_ = State::kArrayNext;
        convert_document(j, line, doc);
        return true;
      }

      case State::kMemberFirst:
      case State::kMemberNext: {
        int c = skip_space();
        if (c == '}') {
          streambuf_.sbumpc();
          state_ = State::kTop;
          if (top_object_had_documents_) continue;
          const Json object = std::move(top_object_);
          top_object_ = Json();
          if (object.contains("passages") || object.contains("id")) {
            convert_document(object, top_object_line_, doc);  // a lone document
            return true;
          }
          if (!object.contains("source") && !object.empty()) fail_fatal("not BioC JSON: no documents");
          continue;
        }
        if (state_ == State::kMemberNext) {
          expect(',', "',' or '}'");
          c = skip_space();
        }
        if (c == kEof) fail_fatal("truncated JSON: an object is not closed");
        if (c != '"') fail_fatal("malformed JSON: expected a member name");
        const std::string key = parse_value().get<std::string>();
        expect(':', "':' after a member name");
        c = skip_space();
        state_ = State::kMemberNext;
        if (key == "documents" || key == "PubTator3") {
          if (c != '[') fail_fatal("\"" + key + "\" is not an array of documents");
          streambuf_.sbumpc();
          top_object_had_documents_ = true;
          array_in_object_ = true;
          state_ = State::kArrayFirst;
          continue;
        }
        if (c == kEof) fail_fatal("truncated JSON: member \"" + key + "\" has no value");
        top_object_[key] = parse_value();
        continue;
      }
    }
  }
}

// Converts one parsed document. The JSON has been consumed, so errors are recoverable.
void BiocJsonReader::convert_document(const Json& j, uint64_t line, Document& doc) {
  doc.source = source_->name();
  doc.source_line = line;
  auto fail = [&](const std::string& reason) {
    throw InputError(source_->name(), line, reason, /*recoverable=*/true, doc.id);
  };
  if (!j.is_object()) fail("a document must be a JSON object");
  if (!j.contains("id") && !j.contains("passages")) fail("not a BioC document: it has neither \"id\" nor \"passages\"");
  if (auto it = j.find("id"); it != j.end()) doc.id = as_text(*it);

  // Members that may be absent or null; anything else of the wrong kind is an error.
  auto member = [&](const Json& parent, const char* name, Json::value_t kind) -> const Json* {
    auto it = parent.find(name);
    if (it == parent.end() || it->is_null()) return nullptr;
    if (it->type() != kind) fail(std::string("\"") + name + "\" has the wrong JSON type");
    return &*it;
  };
  auto array = [&](const Json& parent, const char* name) -> const Json& {
    static const Json kEmpty = Json::array();
    const Json* v = member(parent, name, Json::value_t::array);
    return v ? *v : kEmpty;
  };
  auto read_infons = [&](const Json& parent, Infons& out) {
    const Json* infons = member(parent, "infons", Json::value_t::object);
    if (!infons) return;
    for (const auto& [key, value] : infons->items()) {
      // PubTator3 gives relation roles as the whole entity; the role is its identifier.
      if ((key == "role1" || key == "role2") && value.is_object() && value.contains("identifier"))
        out.emplace_back(key, as_text(value["identifier"]));
      else
        out.emplace_back(key, as_text(value));
    }
  };
  auto integer = [&](const Json& v, const char* what) -> int64_t {
    int64_t out = 0;
    if (v.is_number_integer()) out = v.get<int64_t>();
    else if (v.is_number_float() && std::trunc(v.get<double>()) == v.get<double>() && std::abs(v.get<double>()) < 1e18)
      out = v.get<int64_t>();
    else if (!v.is_string() || !bioc::parse_int64(v.get<std::string>(), out)) fail(std::string("bad ") + what + " " + v.dump());
    return out;
  };
  auto offset_of = [&](const Json& element, const char* what) -> int64_t {
    auto it = element.find("offset");
    if (it == element.end()) fail(std::string(what) + " has no offset");
    const int64_t offset = integer(*it, "offset");
    if (offset < 0) fail(std::string("negative ") + what + " offset");
    return offset;
  };
  auto text_of = [&](const Json& element) -> std::string {
    const Json* text = member(element, "text", Json::value_t::string);
    return text ? text->get<std::string>() : std::string();
  };
  auto read_annotation = [&](const Json& a_json) {
    if (!a_json.is_object()) fail("an annotation must be a JSON object");
    Annotation a;
    if (auto it = a_json.find("id"); it != a_json.end()) a.bioc_id = as_text(*it);
    Infons infons;
    read_infons(a_json, infons);
    bioc::annotation_from_infons(std::move(infons), a);
    a.text = text_of(a_json);
    std::vector<bioc::Location> locations;
    for (const Json& l : array(a_json, "locations")) {
      if (!l.is_object() || !l.contains("offset") || !l.contains("length"))
        fail("annotation " + a.bioc_id + ": a location needs an offset and a length");
      locations.push_back({integer(l["offset"], "location offset"), integer(l["length"], "location length")});
    }
    if (std::string reason = bioc::spans_from_locations(std::move(locations), a.spans); !reason.empty())
      fail("annotation " + a.bioc_id + ": " + reason);
    doc.annotations.push_back(std::move(a));
  };
  auto read_relation = [&](const Json& r_json) {
    if (!r_json.is_object()) fail("a relation must be a JSON object");
    Relation r;
    if (auto it = r_json.find("id"); it != r_json.end()) r.bioc_id = as_text(*it);
    Infons infons;
    read_infons(r_json, infons);
    bioc::relation_from_infons(std::move(infons), r);
    doc.relations.push_back(std::move(r));
  };

  read_infons(j, doc.infons);
  for (const Json& p_json : array(j, "passages")) {
    if (!p_json.is_object()) fail("a passage must be a JSON object");
    Passage p;
    p.offset = offset_of(p_json, "passage");
    p.text = text_of(p_json);
    const bool has_text = p_json.contains("text") && !p_json["text"].is_null();
    Infons infons;
    read_infons(p_json, infons);
    bioc::passage_from_infons(std::move(infons), p);
    for (const Json& a : array(p_json, "annotations")) read_annotation(a);
    for (const Json& r : array(p_json, "relations")) read_relation(r);
    // Passages split into sentences carry their text and annotations there.
    for (const Json& s : array(p_json, "sentences")) {
      if (!s.is_object()) fail("a sentence must be a JSON object");
      const int64_t offset = offset_of(s, "sentence");
      if (!has_text) bioc::append_sentence_text(p, offset, text_of(s));
      for (const Json& a : array(s, "annotations")) read_annotation(a);
      for (const Json& r : array(s, "relations")) read_relation(r);
    }
    doc.passages.push_back(std::move(p));
  }
  for (const Json& a : array(j, "annotations")) read_annotation(a);  // not BioC, but never drop one
  for (const Json& r : array(j, "relations")) read_relation(r);

  std::vector<uint64_t> lines(doc.annotations.size(), line);
  bioc::order_annotations(doc, lines);
  size_t bad = 0;
  std::vector<std::pair<size_t, std::string>> tolerated;
  if (std::string reason =
          validate_annotations(doc, &bad, options_.allow_mismatched_mentions ? &tolerated : nullptr);
      !reason.empty())
    fail("annotation " + doc.annotations[bad].bioc_id + ": " + reason);
  if (options_.warnings)
    for (const auto& [i, why] : tolerated)
      *options_.warnings << "biotator: warning: " << source_->name() << ":" << line << ": annotation "
                         << doc.annotations[i].bioc_id << ": " << why << " (kept as written)\n";
}

// ---------------------------------------------------------------------------------------
// Writing

Json infons_object(const Infons& infons) {
  Json out = Json::object();
  for (const auto& [key, value] : infons) out[key] = value;
  return out;
}

// The JSON flavours the writer produces.
enum class JsonFlavor {
  kBioC,       // BioC JSON: every infon a string (the BioC standard)
  kPubTator3,  // PubTator3's export: {"PubTator3": [...]}, entity and role objects
};

// A decimal identifier that fits a JSON integer (int64: up to 18 digits).
bool all_decimal(std::string_view s) { return s.size() <= 18 && all_digits(s); }

// The database and normalized form of one identifier of an entity of `type`, as
// PubTator3's export writes them ("MESH:D001943" -> ncbi_mesh, "D001943"; gene 6611 ->
// ncbi_gene, 6611 as a number; "CVCL:0062" -> cvcl, "0062"), or an empty database
// where PubTator3's is not known (variants, OMIM disease IDs).
std::pair<std::string_view, Json> pubtator3_normalized(std::optional<EntityType> type, std::string_view id) {
  if (!type) return {{}, Json()};
  switch (*type) {
    case EntityType::kGene:
      if (all_decimal(id)) return {"ncbi_gene", Json(std::stoll(std::string(id)))};
      break;
    case EntityType::kSpecies:
      if (all_decimal(id)) return {"ncbi_taxonomy", Json(std::stoll(std::string(id)))};
      break;
    case EntityType::kDisease:
    case EntityType::kChemical: {
      std::string_view mesh = id.starts_with("MESH:") ? id.substr(5) : id;
      if (mesh.size() > 1 && (mesh[0] == 'C' || mesh[0] == 'D') && all_decimal(mesh.substr(1)))
        return {"ncbi_mesh", Json(std::string(mesh))};
      break;
    }
    case EntityType::kCellLine:
      if (id.size() > 5 && (id.starts_with("CVCL:") || id.starts_with("CVCL_"))) return {"cvcl", Json(std::string(id.substr(5)))};
      break;
    case EntityType::kVariant: break;
  }
  return {{}, Json()};
}

// Sets PubTator3's entity infons on `out` from an entity's type and identifiers:
// "valid" (whether it has an identifier), and where every identifier is of one known
// database, "normalized" (all of them), "database", "normalized_id" (the first);
// "biotype" for the six classes. Keys the input carried under these names are replaced.
// PubTator3's "name" and "accession" (the concept's preferred name) are not written:
// the knowledge base holds no preferred names.
void set_pubtator3_entity(Json& out, std::string_view type, const std::vector<std::string>& ids) {
  for (const char* key : {"valid", "normalized", "database", "normalized_id", "biotype"}) out.erase(key);
  const std::optional<EntityType> cls = entity_type_of(type);
  const bool linked = !ids.empty() && std::none_of(ids.begin(), ids.end(), [](const std::string& id) {
    return id.empty() || id == "-" || id == "-1";
  });
  out["valid"] = linked;
  if (linked) {
    Json normalized = Json::array();
    std::string_view database;
    for (const std::string& id : ids) {
      auto [db, value] = pubtator3_normalized(cls, id);
      if (db.empty() || (!database.empty() && db != database)) {
        database = {};
        break;
      }
      database = db;
      normalized.push_back(std::move(value));
    }
    if (!database.empty()) {
      Json first = normalized.front();
      out["normalized"] = std::move(normalized);
      out["database"] = std::string(database);
      out["normalized_id"] = std::move(first);
    }
  }
  if (cls) {
    std::string biotype(entity_type_name(*cls));
    for (char& c : biotype) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out["biotype"] = std::move(biotype);
  }
}

// The annotation a relation argument refers to, for its role object: the first
// annotation whose whole identifier field is the argument, or one of whose identifiers
// is (whole: false). Built once per document: a full text has thousands of annotations
// and hundreds of relations.
struct RoleSource {
  const Annotation* annotation = nullptr;
  bool whole = false;
};

std::unordered_map<std::string, RoleSource> role_sources(const Document& doc) {
  std::unordered_map<std::string, RoleSource> out;
  for (const Annotation& a : doc.annotations) {
    out.emplace(a.id_field(), RoleSource{&a, true});
    for (const std::string& id : a.ids) out.emplace(id, RoleSource{&a, false});
  }
  return out;
}

// A relation argument as PubTator3 writes it: the entity object of the annotation it
// refers to (role_sources), or only the identifier when no annotation carries it.
Json pubtator3_role(const std::unordered_map<std::string, RoleSource>& sources, const std::string& arg) {
  Json role = Json::object();
  role["identifier"] = arg;
  if (const auto it = sources.find(arg); it != sources.end()) {
    const Annotation& a = *it->second.annotation;
    role["type"] = a.type;
    set_pubtator3_entity(role, a.type, it->second.whole ? a.ids : std::vector<std::string>{arg});
  }
  return role;
}

Json document_json(const Document& doc, JsonFlavor flavor) {
  Json passages = Json::array();
  const auto placement = bioc::annotations_by_passage(doc);
  const std::vector<std::string> ids = bioc::annotation_ids(doc);
  for (size_t p = 0; p < placement.size(); ++p) {
    // A document without passages still needs one to hold its annotations.
    static const Passage kEmpty;
    const Passage& passage = p < doc.passages.size() ? doc.passages[p] : kEmpty;
    Json annotations = Json::array();
    for (size_t index : placement[p]) {
      const Annotation& a = doc.annotations[index];
      Json locations = Json::array();
      for (const Span& s : a.spans) {
        Json location = Json::object();
        location["offset"] = s.start;
        location["length"] = s.end - s.start;
        locations.push_back(std::move(location));
      }
      Json annotation = Json::object();
      annotation["id"] = ids[index];
      annotation["infons"] = infons_object(bioc::annotation_infons(a));
      if (flavor == JsonFlavor::kPubTator3) set_pubtator3_entity(annotation["infons"], a.type, a.ids);
      annotation["text"] = a.text;
      annotation["locations"] = std::move(locations);
      annotations.push_back(std::move(annotation));
    }
    Json passage_json = Json::object();
    passage_json["infons"] = infons_object(bioc::passage_infons(passage));
    passage_json["offset"] = passage.offset;
    passage_json["text"] = passage.text;
    passage_json["annotations"] = std::move(annotations);
    passage_json["relations"] = Json::array();
    passages.push_back(std::move(passage_json));
  }
  Json relations = Json::array();
  std::unordered_map<std::string, RoleSource> sources;
  if (flavor == JsonFlavor::kPubTator3 && !doc.relations.empty()) sources = role_sources(doc);
  for (size_t i = 0; i < doc.relations.size(); ++i) {
    Json relation = Json::object();
    relation["id"] = bioc::relation_id(doc.relations[i], i);
    relation["infons"] = infons_object(bioc::relation_infons(doc.relations[i]));
    if (flavor == JsonFlavor::kPubTator3) {
      // PubTator3's relation infons: score, role1 and role2 as entity objects, type.
      const Relation& r = doc.relations[i];
      Json infons = Json::object();
      if (!r.score.empty()) infons["score"] = r.score;
      infons["role1"] = pubtator3_role(sources, r.arg1);
      infons["role2"] = pubtator3_role(sources, r.arg2);
      for (auto& [key, value] : relation["infons"].items())
        if (key != "entity1" && key != "entity2" && key != "score") infons[key] = value;
      relation["infons"] = std::move(infons);
    }
    relation["nodes"] = Json::array();
    relations.push_back(std::move(relation));
  }
  Json out = Json::object();
  out["id"] = doc.id;
  if (flavor == JsonFlavor::kPubTator3 && all_decimal(doc.id)) out["pmid"] = std::stoll(doc.id);
  out["infons"] = infons_object(doc.infons);
  out["passages"] = std::move(passages);
  out["relations"] = std::move(relations);
  return out;
}

class BiocJsonWriter final : public DocumentWriter {
 public:
  BiocJsonWriter(std::ostream& out, JsonFlavor flavor)
      : out_(out), flavor_(flavor), header_(flavor == JsonFlavor::kPubTator3 ? kPubTator3Header : kBiocHeader) {}

  // One document per line, so the output is easy to inspect and to split.
  void write(const Document& doc) override {
    std::string text = (documents_ == 0 ? std::string(header_) : std::string(",\n")) + document_json(doc, flavor_).dump();
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    ++documents_;
  }

  void finish() override {
    if (documents_ == 0) out_ << header_;
    out_ << "\n]}\n";
    out_.flush();
  }

 private:
  static constexpr std::string_view kBiocHeader =
      "{\"source\":\"BioTator\",\"date\":\"\",\"key\":\"BioC.key\",\"infons\":{},\"documents\":[\n";
  static constexpr std::string_view kPubTator3Header = "{\"PubTator3\":[\n";
  std::ostream& out_;
  JsonFlavor flavor_;
  std::string_view header_;
  uint64_t documents_ = 0;
};

}  // namespace

std::unique_ptr<DocumentReader> make_bioc_json_reader(std::unique_ptr<ByteSource> source, const ReaderOptions& options) {
  return std::make_unique<BiocJsonReader>(std::move(source), options);
}

std::unique_ptr<DocumentWriter> make_bioc_json_writer(std::ostream& out) {
  return std::make_unique<BiocJsonWriter>(out, JsonFlavor::kBioC);
}

std::unique_ptr<DocumentWriter> make_pubtator3_json_writer(std::ostream& out) {
  return std::make_unique<BiocJsonWriter>(out, JsonFlavor::kPubTator3);
}

}  // namespace biotator
