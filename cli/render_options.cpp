// SPDX-License-Identifier: Apache-2.0
#include "cli/render_options.hpp"

#include <filesystem>
#include <sstream>

#include "cli/output.hpp"
#include "common/i18n.hpp"
#include "common/json_writer.hpp"
#include "reports/template.hpp"

namespace duty::cli {

namespace {
const std::vector<Format> kRenderFormats = {Format::kText, Format::kMd, Format::kHtml};

Format render_format(const Context& ctx, const RenderOptions& opt) {
  if (opt.format.empty() && !opt.output && opt.template_file.size() > 5 &&
      opt.template_file.compare(opt.template_file.size() - 5, 5, ".html") == 0) {
    return Format::kHtml;
  }
  return choose_format(ctx, opt.format, opt.output, kRenderFormats);
}
}  // namespace

void add_render_options(CLI::App& cmd, RenderOptions& opt) {
  cmd.add_option("--format", opt.format,
                 tr("text (default), md or html (a complete printable A4 page); also taken from -o FILE's "
                    "extension"));
  cmd.add_option("--template", opt.template_file,
                 tr("Render with this Mustache file (any path; a regular file of at most 1 MiB) instead of "
                    "the office's or built-in template; its partials still come only from templates/ and "
                    "the built-ins (docs/templates.md)"));
  cmd.add_flag("--context", opt.context,
               tr("Print the data the template gets, as JSON, instead of rendering"));
  cmd.add_option("-o,--output", opt.output,
                 tr("Write to FILE instead of stdout (whole, or not at all)"));
}

void check_render_options(const Context& ctx, const RenderOptions& opt) {
  render_format(ctx, opt);
  if (opt.context && !opt.template_file.empty()) {
    throw UsageError(
        tr("--context prints the data instead of rendering; it cannot be combined with --template"));
  }
  // A FIFO, device, directory or over-large file is refused here, before the store is opened.
  if (!opt.template_file.empty()) (void)reports::template_file(opt.template_file);
}

std::string render_output(const Context& ctx, const Session& s, const std::string& kind,
                          const RenderOptions& opt, const reports::ContextNode& context) {
  std::ostringstream out;
  if (opt.context) {
    JsonWriter w(out, 2);
    context.write_json(w);
    out << '\n';
    return out.str();
  }
  Format f = render_format(ctx, opt);
  const char* ext = f == Format::kHtml ? "html" : f == Format::kMd ? "md" : "txt";
  reports::TemplateLibrary library((std::filesystem::path(s.office.dir) / "templates").string());
  reports::TemplateSource main = opt.template_file.empty()
                                     ? library.require(kind + "." + s.office.locale + "." + ext)
                                     : reports::template_file(opt.template_file);
  reports::Escape escape = f == Format::kHtml ? reports::Escape::kHtml
                          : f == Format::kMd ? reports::Escape::kMarkdown
                                             : reports::Escape::kNone;
  return reports::with_log_check(reports::render_template(library, main, context, escape), context,
                                 f == Format::kHtml);
}

std::optional<reports::DutyShift> duty_shift(const std::optional<ShiftOnDuty>& shift) {
  if (!shift) return std::nullopt;
  reports::DutyShift d;
  d.start = shift->start;
  d.end = shift->end;
  for (const auto& slot : shift->slots) {
    reports::DutySlot s;
    s.name = slot.name;
    for (const auto& p : slot.people) s.people.push_back({p.name, p.phone});
    for (const auto& c : slot.covers)
      s.covers.push_back({{c.out.name, c.out.phone}, {c.in.name, c.in.phone}, c.from, c.to});
    d.slots.push_back(std::move(s));
  }
  return d;
}

}  // namespace duty::cli
