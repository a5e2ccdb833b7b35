// Private to src/report: the page template, compiled in from review_page.html
// so the binary needs no data files. Holds two markers: "@TITLE@" (HTML-escaped
// text) and "@DATA@" (the JSON document, with every '<' escaped).
#ifndef TMKIT_REPORT_REVIEW_PAGE_TEMPLATE_H_
#define TMKIT_REPORT_REVIEW_PAGE_TEMPLATE_H_

namespace tmkit::report {

extern const char* const kReviewPageTemplate;

}  // namespace tmkit::report

#endif  // TMKIT_REPORT_REVIEW_PAGE_TEMPLATE_H_
