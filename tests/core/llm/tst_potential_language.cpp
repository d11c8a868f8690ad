// SPDX-License-Identifier: MIT
// The potential language: parsing (canonical form, error positions and hints, limits), the
// vectorised evaluator against hand-computed values, term contributions, the window features
// on tiny hand-made windows, and ProgramPotential on the engine's flattened windows.
#include "vigil/potential_language.h"
#include "vigil/program_potential.h"
#include "vigil/window_features.h"

#include <QString>
#include <QTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace vigil::core;

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

bool near(double a, double b, double tol = 1e-9)
{
    return std::abs(a - b) <= tol * std::max(1.0, std::abs(b));
}

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

std::string ss(const QString& s)
{
    return s.toStdString();
}

/// One-row (or more) feature matrix with the columns z_last, range, slope.
FeatureMatrix smallMatrix(const std::vector<std::array<double, 3>>& rows)
{
    FeatureMatrix m;
    m.names = {"z_last", "range", "slope"};
    m.values.resize(static_cast<Eigen::Index>(rows.size()), 3);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (int c = 0; c < 3; ++c) {
            m.values(static_cast<Eigen::Index>(r), c) = rows[r][static_cast<std::size_t>(c)];
        }
    }
    m.reindex();
    return m;
}

Eigen::MatrixXd column(const std::vector<double>& v)
{
    Eigen::MatrixXd m(static_cast<Eigen::Index>(v.size()), 1);
    for (std::size_t i = 0; i < v.size(); ++i) {
        m(static_cast<Eigen::Index>(i), 0) = v[i];
    }
    return m;
}

double feature(const FeatureMatrix& m, Eigen::Index row, const char* name)
{
    const int c = m.column(name);
    return c < 0 ? kNan : m.values(row, c);
}

std::string repeat(const std::string& s, int n)
{
    std::string out;
    for (int i = 0; i < n; ++i) {
        out += s;
    }
    return out;
}

/// Renders a random well-formed expression (every compound part in parentheses).
std::string randomExpression(std::mt19937& rng, int depth)
{
    static const std::vector<std::string> features = {"z_last", "range", "slope"};
    static const std::vector<std::string> binary = {"+",  "-", "*",  "/",   "<",
                                                    "<=", ">", ">=", "and", "or"};
    static const std::vector<std::pair<std::string, int>> functions = {
        {"abs", 1}, {"min", 2},  {"max", 2},     {"clamp", 3}, {"exp", 1},
        {"log", 1}, {"sqrt", 1}, {"sigmoid", 1}, {"tanh", 1},  {"if", 3}};
    std::uniform_int_distribution<int> kind(0, depth <= 0 ? 1 : 5);
    switch (kind(rng)) {
    case 0: {
        static const std::vector<std::string> numbers = {"0", "0.5", "2", "1e-3", "3.25", ".1"};
        return numbers[std::uniform_int_distribution<std::size_t>(0, numbers.size() - 1)(rng)];
    }
    case 1:
        return features[std::uniform_int_distribution<std::size_t>(0, 2)(rng)];
    case 2:
        return "-(" + randomExpression(rng, depth - 1) + ")";
    case 3:
        return "not (" + randomExpression(rng, depth - 1) + ")";
    case 4: {
        const std::string& op =
            binary[std::uniform_int_distribution<std::size_t>(0, binary.size() - 1)(rng)];
        return "(" + randomExpression(rng, depth - 1) + ") " + op + " (" +
               randomExpression(rng, depth - 1) + ")";
    }
    default: {
        const auto& f =
            functions[std::uniform_int_distribution<std::size_t>(0, functions.size() - 1)(rng)];
        std::string out = f.first + "(";
        for (int i = 0; i < f.second; ++i) {
            out += (i > 0 ? ", " : "") + randomExpression(rng, depth - 1);
        }
        return out + ")";
    }
    }
}

/// Scalar reference interpreter of the documented semantics (NaN = invalid).
double reference(const Expr& e, std::int32_t id, const std::array<double, 3>& row)
{
    const ExprNode& n = e.nodes[static_cast<std::size_t>(id)];
    const auto arg = [&](std::size_t i) { return reference(e, n.args[i], row); };
    const auto truth = [](double v) { return v != 0.0 ? 1.0 : 0.0; };
    switch (n.op) {
    case ExprOp::Number:
        return n.value;
    case ExprOp::Feature: {
        const std::string& f = e.features[static_cast<std::size_t>(n.feature)];
        return f == "z_last" ? row[0] : (f == "range" ? row[1] : row[2]);
    }
    case ExprOp::Neg:
        return -arg(0);
    case ExprOp::Not: {
        const double v = arg(0);
        return std::isnan(v) ? kNan : 1.0 - truth(v);
    }
    case ExprOp::Sum:
    case ExprOp::Product: {
        double acc = arg(0);
        for (std::size_t i = 1; i < n.args.size(); ++i) {
            const double v = arg(i);
            if (n.op == ExprOp::Sum) {
                acc = n.inverse[i] != 0 ? acc - v : acc + v;
            } else if (n.inverse[i] != 0) {
                acc = v == 0.0 ? kNan : acc / v;
            } else {
                acc = acc * v;
            }
        }
        return acc;
    }
    case ExprOp::And:
    case ExprOp::Or: {
        double acc = arg(0);
        for (std::size_t i = 1; i < n.args.size(); ++i) {
            const double v = arg(i);
            if (std::isnan(acc) || std::isnan(v)) {
                acc = kNan;
            } else {
                acc = n.op == ExprOp::And ? truth(acc) * truth(v) : std::max(truth(acc), truth(v));
            }
        }
        return acc;
    }
    default:
        break;
    }
    std::vector<double> a;
    for (std::size_t i = 0; i < n.args.size(); ++i) {
        a.push_back(arg(i));
    }
    if (n.op == ExprOp::If) {
        return std::isnan(a[0]) ? kNan : (a[0] != 0.0 ? a[1] : a[2]);
    }
    for (const double v : a) {
        if (std::isnan(v)) {
            return kNan;
        }
    }
    switch (n.op) {
    case ExprOp::Less:
        return a[0] < a[1] ? 1.0 : 0.0;
    case ExprOp::LessEqual:
        return a[0] <= a[1] ? 1.0 : 0.0;
    case ExprOp::Greater:
        return a[0] > a[1] ? 1.0 : 0.0;
    case ExprOp::GreaterEqual:
        return a[0] >= a[1] ? 1.0 : 0.0;
    case ExprOp::Abs:
        return std::abs(a[0]);
    case ExprOp::Min:
        return std::min(a[0], a[1]);
    case ExprOp::Max:
        return std::max(a[0], a[1]);
    case ExprOp::Clamp:
        return std::min(std::max(a[0], a[1]), a[2]);
    case ExprOp::Exp:
        return std::exp(a[0]);
    case ExprOp::Log:
        return a[0] > 0.0 ? std::log(a[0]) : kNan;
    case ExprOp::Sqrt:
        return a[0] >= 0.0 ? std::sqrt(a[0]) : kNan;
    case ExprOp::Sigmoid:
        return 1.0 / (1.0 + std::exp(-a[0]));
    case ExprOp::Tanh:
        return std::tanh(a[0]);
    default:
        return kNan;
    }
}

} // namespace

class TestPotentialLanguage : public QObject
{
    Q_OBJECT

private slots:
    void catalogue();
    void parseAccepts_data();
    void parseAccepts();
    void parseErrors_data();
    void parseErrors();
    void limits_data();
    void limits();
    void caretExcerpt();
    void randomInputNeverCrashes();
    void randomExpressionsMatchReference();
    void terms();
    void evaluate_data();
    void evaluate();
    void evaluateBlocksMatchRows();
    void missingColumnIsAnError();
    void termContributionsSumToPotential();
    void featuresOfWindows_data();
    void featuresOfWindows();
    void featureRowMapping();
    void featuresSkipMissing();
    void multichannelAggregation();
    void timeFeatures();
    void engineInputs();
    void periodAndSeasonalResidual();
    void featureErrors();
    void programPotential();
    void programPotentialReadsTheWholeSeries();
};

void TestPotentialLanguage::catalogue()
{
    const std::vector<std::string> expected = {"z_last",        "z_max",
                                               "robust_z_last", "level_shift",
                                               "std_ratio",     "slope",
                                               "curvature",     "spike_count",
                                               "range",         "seasonal_residual",
                                               "vae_error",     "vae_error_max_channel",
                                               "rl_margin",     "hour_of_day",
                                               "day_of_week",   "channel_spread"};
    QCOMPARE(featureNames(), expected);
    for (const FeatureInfo& f : featureCatalogue()) {
        QVERIFY2(!f.description.empty(), f.name.c_str());
        QVERIFY(f.description.find('\n') == std::string::npos);
    }
}

void TestPotentialLanguage::parseAccepts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<int>("references");
    QTest::newRow("llm example")
        << "sigmoid(1.5*robust_z_last - 2) * (1 - 0.5*(seasonal_residual < 1))"
        << "sigmoid(1.5 * robust_z_last - 2) * (1 - 0.5 * (seasonal_residual < 1))" << 2;
    QTest::newRow("feature") << " z_last "
                             << "z_last" << 1;
    QTest::newRow("unary minus") << "-z_last*2"
                                 << "-z_last * 2" << 1;
    QTest::newRow("negative literal folded") << "- -2"
                                             << "2" << 0;
    QTest::newRow("grouping kept") << "z_last - (z_max - slope)"
                                   << "z_last - (z_max - slope)" << 3;
    QTest::newRow("redundant parens") << "((z_last)) + (range*2)"
                                      << "z_last + range * 2" << 2;
    QTest::newRow("left group kept") << "(z_last + z_max) + range"
                                     << "(z_last + z_max) + range" << 3;
    QTest::newRow("logic") << "not z_last>3 and range<2 or spike_count>=1"
                           << "not z_last > 3 and range < 2 or spike_count >= 1" << 3;
    QTest::newRow("not of or") << "not (z_last > 1 or range <= 0)"
                               << "not (z_last > 1 or range <= 0)" << 2;
    QTest::newRow("if") << "if(z_last>3,1,0)"
                        << "if(z_last > 3, 1, 0)" << 1;
    QTest::newRow("clamp") << "clamp(slope,-1,1)"
                           << "clamp(slope, -1, 1)" << 1;
    QTest::newRow("exponent") << "1e-3*range + 2E+1"
                              << "0.001 * range + 20" << 1;
    QTest::newRow("leading dot") << ".5"
                                 << "0.5" << 0;
    // Below the smallest double is 0, not "out of range" (an overflow still is, below).
    QTest::newRow("underflow") << "1e-400 + range"
                               << "0 + range" << 1;
    QTest::newRow("division chain") << "z_last / 2 / range"
                                    << "z_last / 2 / range" << 2;
    QTest::newRow("compare of sums") << "z_last + 1 < range * 2"
                                     << "z_last + 1 < range * 2" << 2;
    QTest::newRow("grouped compare") << "(z_last < 1) < 2"
                                     << "(z_last < 1) < 2" << 1;
    QTest::newRow("functions")
        << "min(abs(z_last),3)/3+max(exp(-range),log(1+slope))+sqrt(tanh(z_max))"
        << "min(abs(z_last), 3) / 3 + max(exp(-range), log(1 + slope)) + sqrt(tanh(z_max))" << 4;
    QTest::newRow("repeated feature") << "z_last*z_last"
                                      << "z_last * z_last" << 2;
    QTest::newRow("newlines") << "z_last\n+\trange"
                              << "z_last + range" << 2;
}

void TestPotentialLanguage::parseAccepts()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(int, references);
    const auto e = parsePotential(ss(text));
    QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
    QCOMPARE(qs(toString(*e)), canonical);
    QCOMPARE(e->featureReferences, references);
    QCOMPARE(e->source, ss(text));
    // The canonical form is a fixed point.
    const auto again = parsePotential(toString(*e));
    QVERIFY(again.ok());
    QCOMPARE(qs(toString(*again)), canonical);
    QCOMPARE(again->nodes.size(), e->nodes.size());
}

void TestPotentialLanguage::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("message"); // must appear in the one-line message
    QTest::newRow("unknown feature, hint")
        << "z_last + zscore" << 9 << "unknown feature `zscore` at 9; did you mean `z_last`?";
    QTest::newRow("typo") << "abs(z_lats)" << 4 << "did you mean `z_last`?";
    QTest::newRow("prefix") << "spike > 2" << 0 << "did you mean `spike_count`?";
    QTest::newRow("case") << "Range" << 0 << "did you mean `range`?";
    QTest::newRow("no hint lists features") << "qqqq" << 0 << "known features: z_last, z_max";
    QTest::newRow("unknown function")
        << "sigmod(z_last)" << 0 << "unknown function `sigmod` at 0; did you mean `sigmoid`?";
    QTest::newRow("alias function") << "1 + ln(range)" << 4 << "did you mean `log`?";
    QTest::newRow("feature called") << "z_last(1)" << 0 << "is a feature, not a function";
    QTest::newRow("function uncalled") << "abs + 1" << 0 << "`abs` at 0 is a function";
    QTest::newRow("clamp arity") << "clamp(z_last, 0)" << 0 << "takes 3 arguments, found 2";
    QTest::newRow("abs arity") << "2*abs(z_last, 1)" << 2 << "`abs` at 2 takes 1 argument, found 2";
    QTest::newRow("if arity") << "if(z_last)" << 0 << "takes 3 arguments, found 1";
    QTest::newRow("empty call") << "min()" << 0 << "takes 2 arguments, found 0";
    QTest::newRow("unclosed") << "(z_last + 1" << 0 << "unclosed `(` at 0";
    QTest::newRow("unclosed call") << "1 + max(z_last, 2" << 7 << "unclosed `(` at 7";
    QTest::newRow("unmatched") << "z_last + 1)" << 10 << "unmatched `)` at 10";
    QTest::newRow("wrong closer") << "(z_last 1)" << 8 << "expected `)` at 8";
    QTest::newRow("trailing") << "z_last 2" << 7 << "unexpected `2` at 7 after a complete";
    QTest::newRow("empty") << "" << 0 << "empty expression";
    QTest::newRow("blank") << "  \n " << 0 << "empty expression";
    QTest::newRow("dangling operator") << "z_last +" << 8 << "unexpected end of expression at 8";
    QTest::newRow("missing operand") << "z_last * / 2" << 9 << "found `/`";
    QTest::newRow("and and") << "z_last and and range" << 11 << "found `and`";
    QTest::newRow("c and") << "z_last && range" << 7 << "write `and`";
    QTest::newRow("c or") << "z_last || range" << 7 << "write `or`";
    QTest::newRow("c not") << "!z_last" << 0 << "write `not`";
    QTest::newRow("equality") << "z_last == 1" << 7 << "not supported";
    QTest::newRow("power") << "z_last ^ 2" << 7 << "no power";
    QTest::newRow("python power") << "z_last ** 2" << 7 << "no power";
    QTest::newRow("chained compare") << "1 < z_last < 2" << 11 << "do not chain";
    QTest::newRow("overflow") << "1e999 * z_last" << 0 << "out of range";
    QTest::newRow("unicode") << "z_last × 2" << 7 << "unexpected character `×` at 7";
    QTest::newRow("unicode position") << "×× + zscore" << 0 << "unexpected character `×` at 0";
    QTest::newRow("first error wins") << "zscore + )" << 0 << "unknown feature `zscore`";
    QTest::newRow("comma at top") << "z_last, range" << 6 << "unexpected `,` at 6";
}

void TestPotentialLanguage::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(int, position);
    QFETCH(QString, message);
    PotentialError detail;
    const auto e = parsePotential(ss(text), &detail);
    QVERIFY(!e.ok());
    QVERIFY2(detail.message.find(ss(message)) != std::string::npos, detail.message.c_str());
    QCOMPARE(detail.position, position);
    QVERIFY(detail.message.find('\n') == std::string::npos);
    // The Error carries the message and the caret excerpt.
    QCOMPARE(e.error().message, detail.message + "\n" + detail.excerpt);
    QVERIFY(detail.excerpt.find('^') != std::string::npos);
}

void TestPotentialLanguage::limits_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("message");
    const std::string pad2000 = "z_last" + std::string(1994, ' ');
    QTest::newRow("2000 characters") << qs(pad2000) << true << "";
    QTest::newRow("2001 characters")
        << qs(pad2000 + " ") << false << "2001 characters long; the limit is 2000";
    QTest::newRow("long sum") << qs("z_last" + repeat(" + 0", 700)) << false << "the limit is 2000";
    QTest::newRow("depth 32") << qs(repeat("abs(", 31) + "z_last" + repeat(")", 31)) << true << "";
    QTest::newRow("depth 33") << qs(repeat("abs(", 32) + "z_last" + repeat(")", 32)) << false
                              << "deeper than 32 levels";
    QTest::newRow("parens") << qs(repeat("(", 40) + "z_last" + repeat(")", 40)) << false
                            << "deeper than 32 levels";
    QTest::newRow("unary chain") << qs(repeat("-", 40) + "z_last") << false
                                 << "deeper than 32 levels";
    QTest::newRow("not chain") << qs(repeat("not ", 40) + "z_last") << false
                               << "deeper than 32 levels";
    QTest::newRow("unclosed deep") << qs(repeat("(", 1000)) << false << "deeper than 32 levels";
    QTest::newRow("64 references") << qs("z_last" + repeat(" + z_max", 63)) << true << "";
    QTest::newRow("65 references")
        << qs("z_last" + repeat(" + z_max", 64)) << false << "more than 64 feature references";
    QTest::newRow("wide sum is shallow") << qs("1" + repeat(" + 1", 300)) << true << "";
}

void TestPotentialLanguage::limits()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, message);
    PotentialError detail;
    const auto e = parsePotential(ss(text), &detail);
    QCOMPARE(e.ok(), ok);
    if (!ok) {
        QVERIFY2(detail.message.find(ss(message)) != std::string::npos, detail.message.c_str());
    } else {
        QVERIFY(e->depth <= 32);
    }
}

void TestPotentialLanguage::caretExcerpt()
{
    PotentialError detail;
    QVERIFY(!parsePotential("z_last + zscore", &detail).ok());
    QCOMPARE(qs(detail.excerpt), QStringLiteral("  z_last + zscore\n           ^"));
    // Long input: only the part around the position, with ellipses.
    const std::string longText = repeat("z_last + ", 30) + "oops + " + repeat("z_max + ", 30) + "1";
    QVERIFY(!parsePotential(longText, &detail).ok());
    QCOMPARE(detail.position, 270);
    const auto nl = detail.excerpt.find('\n');
    const std::string line = detail.excerpt.substr(0, nl);
    const std::string caret = detail.excerpt.substr(nl + 1);
    QVERIFY(line.starts_with("  ...") && line.ends_with("..."));
    QCOMPARE(line.substr(caret.size() - 1, 4), std::string("oops"));
}

void TestPotentialLanguage::randomInputNeverCrashes()
{
    const std::vector<std::string> pieces = {
        "z_last", "range", "slope", "abs(", "min(",   "clamp(", "if(", "log(", "(",        ")",
        ",",      "+",     "-",     "*",    "/",      "<",      ">=",  "and",  "or",       "not",
        "1",      "0.5",   "2e3",   " ",    "zscore", "×",      "==",  "&&",   "sigmoid(", "tanh("};
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::uniform_int_distribution<int> length(0, 40);
    int accepted = 0;
    const FeatureMatrix m = smallMatrix({{1.0, 0.0, -2.0}, {kNan, kInf, 0.0}});
    for (int i = 0; i < 3000; ++i) {
        std::string text;
        for (int k = length(rng); k > 0; --k) {
            text += pieces[pick(rng)];
        }
        PotentialError detail;
        const auto e = parsePotential(text, &detail);
        if (!e.ok()) {
            QVERIFY(detail.position >= 0 && detail.position <= static_cast<int>(text.size()));
            QVERIFY(!detail.message.empty());
            continue;
        }
        ++accepted;
        const auto again = parsePotential(toString(*e));
        QVERIFY2(again.ok(), toString(*e).c_str());
        QCOMPARE(toString(*again), toString(*e));
        const auto phi = evaluatePotential(*e, m);
        QVERIFY(phi.ok());
        for (Eigen::Index r = 0; r < phi->size(); ++r) {
            QVERIFY((*phi)(r) >= 0.0 && (*phi)(r) <= 1.0);
        }
    }
    QVERIFY(accepted > 0);
}

void TestPotentialLanguage::randomExpressionsMatchReference()
{
    std::mt19937 rng(11);
    std::normal_distribution<double> normal(0.0, 2.0);
    std::vector<std::array<double, 3>> rows;
    for (int i = 0; i < 300; ++i) {
        rows.push_back({normal(rng), normal(rng), i % 50 == 0 ? 0.0 : normal(rng)});
    }
    rows[7][1] = kNan;
    rows[8][0] = kInf;
    const FeatureMatrix m = smallMatrix(rows);
    int mismatches = 0;
    int interior = 0; // rows strictly inside (0, 1): the comparison is not vacuous
    for (int k = 0; k < 400; ++k) {
        const std::string text = randomExpression(rng, 5);
        const auto e = parsePotential(text);
        QVERIFY2(e.ok(), (text + "\n" + (e.ok() ? "" : e.error().message)).c_str());
        const auto again = parsePotential(toString(*e));
        QVERIFY2(again.ok(), toString(*e).c_str());
        QCOMPARE(toString(*again), toString(*e));
        const auto phi = evaluatePotential(*e, m);
        QVERIFY(phi.ok());
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const double ref = reference(*e, e->root, rows[r]);
            const double expected = std::isnan(ref) ? 0.0 : std::clamp(ref, 0.0, 1.0);
            const double got = (*phi)(static_cast<Eigen::Index>(r));
            QVERIFY(got >= 0.0 && got <= 1.0);
            interior += got > 0.0 && got < 1.0 ? 1 : 0;
            if (!near(got, expected, 1e-9)) {
                ++mismatches;
                qWarning("%s row %zu: %.17g vs %.17g", text.c_str(), r, got, expected);
            }
        }
    }
    QCOMPARE(mismatches, 0);
    QVERIFY(interior > 5000);
}

void TestPotentialLanguage::terms()
{
    const auto e = parsePotential("0.5*z_last - abs(slope) + (range - 1) - 2");
    QVERIFY(e.ok());
    const auto terms = topLevelTerms(*e);
    QCOMPARE(terms.size(), std::size_t(4));
    QCOMPARE(terms[0].sign, 1);
    QCOMPARE(qs(terms[0].text), QStringLiteral("0.5 * z_last"));
    QCOMPARE(terms[1].sign, -1);
    QCOMPARE(qs(terms[1].text), QStringLiteral("abs(slope)"));
    QCOMPARE(terms[2].sign, 1);
    QCOMPARE(qs(terms[2].text), QStringLiteral("range - 1"));
    QCOMPARE(terms[3].sign, -1);
    QCOMPARE(qs(terms[3].text), QStringLiteral("2"));

    const auto single = parsePotential("sigmoid(z_last) * 2");
    QVERIFY(single.ok());
    const auto one = topLevelTerms(*single);
    QCOMPARE(one.size(), std::size_t(1));
    QCOMPARE(one[0].sign, 1);
    QCOMPARE(qs(one[0].text), QStringLiteral("sigmoid(z_last) * 2"));
}

void TestPotentialLanguage::evaluate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("z");
    QTest::addColumn<double>("range");
    QTest::addColumn<double>("slope");
    QTest::addColumn<double>("expected");
    QTest::newRow("scale") << "0.25 * z_last" << 2.0 << 0.0 << 0.0 << 0.5;
    QTest::newRow("clamp high") << "z_last" << 5.0 << 0.0 << 0.0 << 1.0;
    QTest::newRow("clamp low") << "z_last" << -3.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("clamp inf") << "exp(z_last)" << 1000.0 << 0.0 << 0.0 << 1.0;
    QTest::newRow("sum") << "0.5 * z_last + 0.25 * range - 0.1 * slope" << 1.0 << 1.0 << 1.0
                         << 0.65;
    QTest::newRow("div by zero") << "z_last / range" << 1.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("div by zero expr") << "1 / (z_last - z_last)" << 0.3 << 0.0 << 0.0 << 0.0;
    QTest::newRow("const div by zero") << "z_last / 0" << 0.3 << 0.0 << 0.0 << 0.0;
    QTest::newRow("const over zero") << "0.3 / z_last" << 0.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("const over x") << "0.3 / z_last" << 0.6 << 0.0 << 0.0 << 0.5;
    QTest::newRow("div") << "range / slope" << 0.0 << 1.0 << 4.0 << 0.25;
    QTest::newRow("log(-1)") << "log(z_last)" << -1.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("log(0)") << "1 + log(z_last)" << 0.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("log") << "log(z_last)" << std::exp(0.75) << 0.0 << 0.0 << 0.75;
    QTest::newRow("sqrt(-1)") << "0.5 + sqrt(z_last)" << -1.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("sqrt") << "sqrt(z_last)" << 0.25 << 0.0 << 0.0 << 0.5;
    QTest::newRow("nan feature") << "0.5 + 0 * z_last" << kNan << 0.0 << 0.0 << 0.0;
    QTest::newRow("nan compare") << "(z_last < 1) * 0.7 + 0.1" << kNan << 0.0 << 0.0 << 0.0;
    QTest::newRow("nan max") << "max(z_last, 1)" << kNan << 0.0 << 0.0 << 0.0;
    QTest::newRow("nan and") << "(z_last > 1) or 1" << kNan << 0.0 << 0.0 << 0.0;
    QTest::newRow("inf - inf") << "exp(z_last) - exp(z_last)" << 1000.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("sigmoid") << "sigmoid(z_last)" << 0.0 << 0.0 << 0.0 << 0.5;
    QTest::newRow("sigmoid far") << "sigmoid(z_last)" << -1000.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("tanh") << "tanh(z_last)" << 0.5 << 0.0 << 0.0 << std::tanh(0.5);
    QTest::newRow("tanh negative")
        << "1 + tanh(z_last)" << -0.5 << 0.0 << 0.0 << 1.0 + std::tanh(-0.5);
    QTest::newRow("tanh small") << "0.5 + 1e6 * tanh(z_last)" << 1e-9 << 0.0 << 0.0
                                << 0.5 + 1e6 * std::tanh(1e-9);
    QTest::newRow("exp") << "exp(-z_last)" << 1.0 << 0.0 << 0.0 << std::exp(-1.0);
    QTest::newRow("abs") << "abs(z_last) / 4" << -2.0 << 0.0 << 0.0 << 0.5;
    QTest::newRow("neg") << "-z_last" << -0.4 << 0.0 << 0.0 << 0.4;
    QTest::newRow("minus negative") << "z_last - -0.5" << 0.0 << 0.0 << 0.0 << 0.5;
    QTest::newRow("rsub") << "1 - z_last / 2" << 1.0 << 0.0 << 0.0 << 0.5;
    QTest::newRow("if true") << "if(z_last > 2, 0.9, 0.1)" << 3.0 << 0.0 << 0.0 << 0.9;
    QTest::newRow("if false") << "if(z_last > 2, 0.9, 0.1)" << 1.0 << 0.0 << 0.0 << 0.1;
    QTest::newRow("if nan") << "if(z_last > 2, 0.9, 0.1)" << kNan << 0.0 << 0.0 << 0.0;
    QTest::newRow("if guards log") << "if(range > 0, log(range), 0.3)" << 0.0 << 0.0 << 0.0 << 0.3;
    QTest::newRow("if taken bad") << "if(range >= 0, log(range), 0.3)" << 0.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("and true") << "z_last > 2 and range < 1" << 3.0 << 0.5 << 0.0 << 1.0;
    QTest::newRow("and false") << "z_last > 2 and range < 1" << 3.0 << 2.0 << 0.0 << 0.0;
    QTest::newRow("or false") << "z_last > 2 or range < 1" << 0.0 << 2.0 << 0.0 << 0.0;
    QTest::newRow("or true") << "z_last > 2 or range < 1" << 0.0 << 0.0 << 0.0 << 1.0;
    QTest::newRow("and n-ary") << "z_last and range and slope" << 1.0 << 2.0 << 0.0 << 0.0;
    QTest::newRow("not") << "not z_last" << 0.0 << 0.0 << 0.0 << 1.0;
    QTest::newRow("not nonzero") << "not z_last" << -0.1 << 0.0 << 0.0 << 0.0;
    QTest::newRow("le equal") << "z_last <= range" << 0.5 << 0.5 << 0.0 << 1.0;
    QTest::newRow("lt equal") << "z_last < range" << 0.5 << 0.5 << 0.0 << 0.0;
    QTest::newRow("ge") << "z_last >= range" << 0.5 << 0.5 << 0.0 << 1.0;
    QTest::newRow("const lt") << "0.5 < z_last" << 1.0 << 0.0 << 0.0 << 1.0;
    QTest::newRow("const ge") << "0.5 >= z_last" << 1.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("min") << "min(z_last, range)" << 0.3 << 0.7 << 0.0 << 0.3;
    QTest::newRow("max") << "max(z_last, range)" << 0.3 << 0.7 << 0.0 << 0.7;
    QTest::newRow("clamp fn high") << "clamp(z_last, 0.2, 0.4)" << 1.0 << 0.0 << 0.0 << 0.4;
    QTest::newRow("clamp fn low") << "clamp(z_last, 0.2, 0.4)" << 0.0 << 0.0 << 0.0 << 0.2;
    QTest::newRow("llm example") << "sigmoid(1.5*z_last - 2) * (1 - 0.5*(range < 1))" << 2.0 << 0.5
                                 << 0.0 << 0.5 / (1.0 + std::exp(-1.0));
}

void TestPotentialLanguage::evaluate()
{
    QFETCH(QString, text);
    QFETCH(double, z);
    QFETCH(double, range);
    QFETCH(double, slope);
    QFETCH(double, expected);
    const auto e = parsePotential(ss(text));
    QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
    const auto phi = evaluatePotential(*e, smallMatrix({{z, range, slope}}));
    QVERIFY2(phi.ok(), phi.ok() ? "" : phi.error().message.c_str());
    QCOMPARE(phi->size(), Eigen::Index(1));
    QVERIFY2(near((*phi)(0), expected, 1e-12),
             qPrintable(QStringLiteral("%1 vs %2").arg((*phi)(0), 0, 'g', 17).arg(expected)));
}

void TestPotentialLanguage::evaluateBlocksMatchRows()
{
    // Several blocks plus a partial one; every row must equal its own one-row evaluation.
    const auto e = parsePotential("0.3*sigmoid(z_last) + 0.2*tanh(slope) + if(range > 1, "
                                  "log(range), sqrt(abs(range))) * 0.1 - 0.05*(z_last < slope)"
                                  " + min(range, 2) / (slope - 0.5) * 0.01");
    QVERIFY(e.ok());
    std::mt19937 rng(3);
    std::normal_distribution<double> n(0.0, 2.0);
    std::vector<std::array<double, 3>> rows;
    for (int i = 0; i < 1000; ++i) {
        rows.push_back({n(rng), n(rng), i % 97 == 0 ? 0.5 : n(rng)});
    }
    rows[10][0] = kNan;
    const auto all = evaluatePotential(*e, smallMatrix(rows));
    QVERIFY(all.ok());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto one = evaluatePotential(*e, smallMatrix({rows[i]}));
        QVERIFY(near((*all)(static_cast<Eigen::Index>(i)), (*one)(0), 1e-12));
        QVERIFY((*one)(0) >= 0.0 && (*one)(0) <= 1.0);
    }
    QCOMPARE((*all)(10), 0.0);
    QCOMPARE((*all)(0), 0.0); // slope 0.5: division by zero
}

void TestPotentialLanguage::missingColumnIsAnError()
{
    const auto e = parsePotential("z_max + 1");
    QVERIFY(e.ok());
    const auto phi = evaluatePotential(*e, smallMatrix({{1.0, 2.0, 3.0}}));
    QVERIFY(!phi.ok());
    QVERIFY(phi.error().message.find("z_max") != std::string::npos);
}

void TestPotentialLanguage::termContributionsSumToPotential()
{
    const auto e = parsePotential("0.5*z_last + 0.25*range - 0.1*slope - 0.05");
    QVERIFY(e.ok());
    const FeatureMatrix m = smallMatrix({{1.0, 1.0, 1.0}, {0.2, 0.4, -1.0}, {3.0, 2.0, 0.0}});
    const auto phi = evaluatePotential(*e, m);
    QVERIFY(phi.ok());
    for (Eigen::Index r = 0; r < 3; ++r) {
        const auto c = termContributions(*e, m, r);
        QVERIFY(c.ok());
        QCOMPARE(c->size(), std::size_t(4));
        const double sum = (*c)[0] + (*c)[1] + (*c)[2] + (*c)[3];
        QVERIFY(near(std::clamp(sum, 0.0, 1.0), (*phi)(r), 1e-12));
    }
    const auto c0 = *termContributions(*e, m, 1);
    QVERIFY(near(c0[0], 0.1) && near(c0[1], 0.1) && near(c0[2], 0.1) && near(c0[3], -0.05));
    // An invalid term contributes 0; the row is out of range -> error.
    const auto bad = parsePotential("log(slope) + z_last");
    QVERIFY(bad.ok());
    const auto cb = termContributions(*bad, m, 0);
    QVERIFY(cb.ok());
    QCOMPARE((*cb)[0], 0.0);
    QCOMPARE((*cb)[1], 1.0);
    QVERIFY(!termContributions(*e, m, 3).ok());
}

void TestPotentialLanguage::featuresOfWindows_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("expected");
    const QList<double> spike = {0, 0, 0, 0, 0, 10};
    // Spike: mean 10/6, population std sqrt(125/9): z = sqrt(W - 1).
    QTest::newRow("z_last spike") << spike << "z_last" << std::sqrt(5.0);
    QTest::newRow("z_max spike") << spike << "z_max" << std::sqrt(5.0);
    // Median 0, MAD 0 -> 1.2533 · mean |x - median| = 1.2533 · 10/6.
    QTest::newRow("robust_z_last spike") << spike << "robust_z_last" << 10.0 / (1.2533 * 10 / 6);
    QTest::newRow("spike_count one") << spike << "spike_count" << 1.0;
    QTest::newRow("channel_spread") << spike << "channel_spread" << 1.0;
    // Step: last third (2 points) at 1, first two thirds at 0; window std sqrt(2/9).
    const QList<double> step = {0, 0, 0, 0, 1, 1};
    QTest::newRow("level_shift step") << step << "level_shift" << 1.0 / std::sqrt(2.0 / 9.0);
    QTest::newRow("std_ratio step") << step << "std_ratio" << 1.0;
    const QList<double> two = {0, 0, 0, 0, 0, 0, 9, 0, 0, -9};
    QTest::newRow("spike_count two") << two << "spike_count" << 2.0;
    QTest::newRow("robust_z_last negative") << two << "robust_z_last" << -9.0 / (1.2533 * 1.8);
    const QList<double> noisy = {1, -1, 1, -1, 1, -1, 1, -1, 4, -4, 4, -4};
    QTest::newRow("std_ratio variance up") << noisy << "std_ratio" << 4.0;
    QTest::newRow("level_shift none") << noisy << "level_shift" << 0.0;
    const QList<double> flat = {2, 2, 2, 2, 2};
    QTest::newRow("flat z") << flat << "z_last" << 0.0;
    QTest::newRow("flat std_ratio") << flat << "std_ratio" << 1.0;
    QTest::newRow("flat range") << flat << "range" << 0.0;
}

void TestPotentialLanguage::featuresOfWindows()
{
    QFETCH(QList<double>, values);
    QFETCH(QString, name);
    QFETCH(double, expected);
    const std::vector<double> v(values.begin(), values.end());
    const auto fm = computeWindowFeatures(column(v), {}, static_cast<int>(v.size()));
    QVERIFY(fm.ok());
    QCOMPARE(fm->values.rows(), Eigen::Index(1));
    const double got = feature(*fm, 0, ss(name).c_str());
    QVERIFY2(near(got, expected, 1e-9), qPrintable(QString::number(got, 'g', 17)));
    // The flattened-window path (unit scale) agrees on the scale-free features.
    Eigen::MatrixXd flat(1, static_cast<Eigen::Index>(v.size()));
    for (std::size_t i = 0; i < v.size(); ++i) {
        flat(0, static_cast<Eigen::Index>(i)) = v[i];
    }
    const auto ff = computeFlatWindowFeatures(flat, 1);
    QVERIFY(ff.ok());
    if (name != QLatin1String("range")) {
        QVERIFY(near(feature(*ff, 0, ss(name).c_str()), expected, 1e-9));
    }
}

void TestPotentialLanguage::featureRowMapping()
{
    // Row r is the window ending at step r + W - 1.
    std::vector<double> v(10, 0.0);
    for (std::size_t i = 0; i < v.size(); ++i) {
        v[i] = (i % 2 == 0) ? 0.1 : -0.1;
    }
    v[6] = 5.0;
    const auto fm = computeWindowFeatures(column(v), {}, 4);
    QVERIFY(fm.ok());
    QCOMPARE(fm->values.rows(), Eigen::Index(7));
    QCOMPARE(fm->window, 4);
    for (Eigen::Index r = 0; r < 7; ++r) {
        const double z = feature(*fm, r, "z_last");
        if (r == 3) {
            QVERIFY(z > 1.7);
        } else {
            QVERIFY(z < 1.5);
        }
    }
    // Ramp: slope is the rise across the window in robust stds of the series.
    const std::vector<double> ramp = {0, 1, 2, 3, 4, 5};
    const auto fr = computeWindowFeatures(column(ramp), {}, 6);
    QVERIFY(fr.ok());
    const double scale = 1.4826 * 1.5; // MAD of 0..5 is 1.5
    QVERIFY(near(feature(*fr, 0, "slope"), 5.0 / scale));
    QVERIFY(near(feature(*fr, 0, "range"), 5.0 / scale));
    QVERIFY(std::abs(feature(*fr, 0, "curvature")) < 1e-9);
    // Flattened path: unit scale.
    Eigen::MatrixXd flat(2, 5);
    flat << 0, 1, 2, 3, 4, 4, 1, 0, 1, 4; // a ramp, then (i - 2)^2 = 4u^2
    const auto ff = computeFlatWindowFeatures(flat, 1);
    QVERIFY(ff.ok());
    QVERIFY(near(feature(*ff, 0, "slope"), 4.0));
    QVERIFY(near(feature(*ff, 1, "curvature"), 4.0));
    QVERIFY(std::abs(feature(*ff, 1, "slope")) < 1e-9);
    QVERIFY(near(feature(*ff, 0, "range"), 4.0));
    // Short series: no rows, not an error.
    const auto shortSeries = computeWindowFeatures(column({1, 2}), {}, 5);
    QVERIFY(shortSeries.ok());
    QCOMPARE(shortSeries->values.rows(), Eigen::Index(0));
    QCOMPARE(shortSeries->values.cols(), Eigen::Index(featureNames().size()));
}

void TestPotentialLanguage::featuresSkipMissing()
{
    // The NaN is skipped: 5 observed values, mean 2, std 4.
    const auto fm = computeWindowFeatures(column({0, kNan, 0, 0, 0, 10}), {}, 6);
    QVERIFY(fm.ok());
    QVERIFY(near(feature(*fm, 0, "z_last"), 2.0));
    // A window without data: every feature 0.
    const auto empty = computeWindowFeatures(column({kNan, kNan, kNan, 1, 2}), {}, 3);
    QVERIFY(empty.ok());
    for (Eigen::Index c = 0; c < empty->values.cols(); ++c) {
        QCOMPARE(empty->values(0, c), 0.0);
    }
    QVERIFY(empty->values.allFinite());
    // Newest value missing: the z features of that window are 0.
    const auto last = computeWindowFeatures(column({0, 1, 0, 5, kNan}), {}, 5);
    QVERIFY(last.ok());
    QCOMPARE(feature(*last, 0, "z_last"), 0.0);
    QVERIFY(feature(*last, 0, "z_max") > 0.0);
}

void TestPotentialLanguage::multichannelAggregation()
{
    Eigen::MatrixXd v(6, 3);
    v << 0, 0, 1, //
        0, 0, -1, //
        0, 0, 1,  //
        0, 0, -1, //
        0, 0, 1,  //
        0, -10, -1;
    const auto fm = computeWindowFeatures(v, {}, 6);
    QVERIFY(fm.ok());
    // Channel 1 dominates with the signed value of largest magnitude; channel 0 is flat.
    QVERIFY(near(feature(*fm, 0, "z_last"), -std::sqrt(5.0)));
    QVERIFY(near(feature(*fm, 0, "channel_spread"), 1.0 / 3.0));
    QCOMPARE(feature(*fm, 0, "spike_count"), 1.0);
    // The same through flattened time-major windows.
    Eigen::MatrixXd flat(1, 18);
    for (int i = 0; i < 6; ++i) {
        for (int c = 0; c < 3; ++c) {
            flat(0, i * 3 + c) = v(i, c);
        }
    }
    const auto ff = computeFlatWindowFeatures(flat, 3);
    QVERIFY(ff.ok());
    QVERIFY(near(feature(*ff, 0, "z_last"), -std::sqrt(5.0)));
    QVERIFY(near(feature(*ff, 0, "channel_spread"), 1.0 / 3.0));
}

void TestPotentialLanguage::timeFeatures()
{
    const std::int64_t hour = 3'600'000;
    const std::int64_t day = 24 * hour;
    // 1970-01-01 was a Thursday; 1970-01-05 13:00 a Monday; 1969-12-31 23:00 a Wednesday.
    const std::vector<std::int64_t> ts = {0, 0, 0, 4 * day + 13 * hour, -hour};
    const auto fm = computeWindowFeatures(column({1, 2, 3, 4, 5}), ts, 3);
    QVERIFY(fm.ok());
    QCOMPARE(feature(*fm, 0, "hour_of_day"), 0.0);
    QCOMPARE(feature(*fm, 0, "day_of_week"), 3.0);
    QCOMPARE(feature(*fm, 1, "hour_of_day"), 13.0);
    QCOMPARE(feature(*fm, 1, "day_of_week"), 0.0);
    QCOMPARE(feature(*fm, 2, "hour_of_day"), 23.0);
    QCOMPARE(feature(*fm, 2, "day_of_week"), 2.0);
    const auto none = computeWindowFeatures(column({1, 2, 3, 4, 5}), {}, 3);
    QCOMPARE(feature(*none, 2, "hour_of_day"), 0.0);
}

void TestPotentialLanguage::engineInputs()
{
    FeatureInputs in;
    in.vaeError = Eigen::VectorXd::LinSpaced(6, 0.0, 5.0); // per step
    in.rlMargin = Eigen::VectorXd::Constant(4, 0.5);       // per window
    in.rlMargin(1) = kNan;
    const auto fm = computeWindowFeatures(column({1, 2, 1, 2, 1, 2}), {}, 3, in);
    QVERIFY(fm.ok());
    QCOMPARE(fm->values.rows(), Eigen::Index(4));
    QCOMPARE(feature(*fm, 0, "vae_error"), 2.0);
    QCOMPARE(feature(*fm, 3, "vae_error"), 5.0);
    QCOMPARE(feature(*fm, 0, "rl_margin"), 0.5);
    QCOMPARE(feature(*fm, 1, "rl_margin"), 0.0);
    QCOMPARE(feature(*fm, 2, "vae_error_max_channel"), 0.0);
    in.vaeError = Eigen::VectorXd::Zero(5);
    QVERIFY(!computeWindowFeatures(column({1, 2, 1, 2, 1, 2}), {}, 3, in).ok());
}

void TestPotentialLanguage::periodAndSeasonalResidual()
{
    const int n = 24 * 20;
    Eigen::VectorXd s(n);
    std::mt19937 rng(1);
    std::normal_distribution<double> noise(0.0, 0.05);
    for (int t = 0; t < n; ++t) {
        s(t) = std::sin(2.0 * std::numbers::pi * t / 24.0) + 0.002 * t + noise(rng);
    }
    QCOMPARE(estimatePeriod(s), 24);
    Eigen::VectorXd white(n);
    for (int t = 0; t < n; ++t) {
        white(t) = noise(rng);
    }
    QCOMPARE(estimatePeriod(white), 0);
    QCOMPARE(estimatePeriod(Eigen::VectorXd::Constant(100, 3.0)), 0);

    // A break at t = 300: large residual there, small one period later where nothing changed.
    Eigen::MatrixXd v = s;
    v(300, 0) += 3.0;
    const auto fm = computeWindowFeatures(v, {}, 10);
    QVERIFY(fm.ok());
    const double atBreak = feature(*fm, 300 - 9, "seasonal_residual");
    const double elsewhere = feature(*fm, 250 - 9, "seasonal_residual");
    QVERIFY2(atBreak > 10.0, qPrintable(QString::number(atBreak)));
    QVERIFY(elsewhere < 4.0);
    QVERIFY(feature(*fm, 324 - 9, "seasonal_residual") > 10.0); // the break seen a period later
}

void TestPotentialLanguage::featureErrors()
{
    QVERIFY(!computeWindowFeatures(column({1, 2, 3}), {}, 2).ok());
    QVERIFY(!computeWindowFeatures(column({1, 2, 3}), {1, 2}, 3).ok());
    QVERIFY(!computeWindowFeatures(Eigen::MatrixXd(3, 0), {}, 3).ok());
    QVERIFY(!computeFlatWindowFeatures(Eigen::MatrixXd::Zero(2, 7), 2).ok());
    QVERIFY(!computeFlatWindowFeatures(Eigen::MatrixXd::Zero(2, 4), 2).ok()); // W = 2
}

void TestPotentialLanguage::programPotential()
{
    const auto p = ProgramPotential::parse("z_last / 4 + 0 * seasonal_residual");
    QVERIFY(p.ok());
    QCOMPARE(qs(p->name()), QStringLiteral("program"));
    Eigen::MatrixXd w(3, 6);
    w << 0, 0, 0, 0, 0, 10, //
        0, 0, 0, 0, 0, 0,   //
        kNan, 0, 0, 0, 0, 20;
    const Eigen::VectorXd phi = p->evaluate(w, 1);
    QCOMPARE(phi.size(), Eigen::Index(3));
    QVERIFY(near(phi(0), std::sqrt(5.0) / 4.0));
    QCOMPARE(phi(1), 0.0);
    QVERIFY(near(phi(2), std::sqrt(4.0) / 4.0)); // NaN skipped: spike among 5 values
    // Malformed input gives no prior rather than a crash.
    QVERIFY(p->evaluate(w, 4).isZero());
    // Usable through the engine's interface.
    const PotentialFunction& f = *p;
    QVERIFY(f.evaluate(w, 1) == phi);
    const auto bad = ProgramPotential::parse("z_last +");
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.find("unexpected end") != std::string::npos);
}

void TestPotentialLanguage::programPotentialReadsTheWholeSeries()
{
    // Hourly data with a daily season; at t = 306 the value of the opposite phase: within the
    // series' range (the window alone sees nothing unusual) but a break of the season.
    const int n = 24 * 20;
    Eigen::MatrixXd v(n, 1);
    std::vector<std::int64_t> times(n);
    std::mt19937 rng(2);
    std::normal_distribution<double> noise(0.0, 0.05);
    for (int t = 0; t < n; ++t) {
        v(t, 0) = std::sin(2.0 * std::numbers::pi * t / 24.0) + noise(rng);
        times[static_cast<std::size_t>(t)] = std::int64_t(1'700'000'000'000) + t * 3'600'000LL;
    }
    v(306, 0) = -v(306, 0);
    const int w = 10;
    const auto p = ProgramPotential::parse("clamp(seasonal_residual / 10, 0, 1)");
    QVERIFY(p.ok());
    const PotentialFunction& f = *p;
    QVERIFY(f.readsWholeSeries());
    const Eigen::VectorXd phi = f.evaluateSeries(v, {}, w);
    QCOMPARE(phi.size(), Eigen::Index(n - w + 1));
    QVERIFY2(phi(306 - w + 1) > 0.9, qPrintable(QString::number(phi(306 - w + 1))));
    QVERIFY(phi(250 - w + 1) < 0.4);
    // The same values `potential` measures its AUC on and `explain` shows.
    const auto fm = computeWindowFeatures(v, {}, w);
    QVERIFY(fm.ok());
    const auto compiled = CompiledPotential::compile(p->expression(), fm->names);
    QVERIFY(compiled.ok());
    QVERIFY(compiled->evaluate(fm->values) == phi);

    // Calendar features come from the timestamps given with the series.
    const auto hour = ProgramPotential::parse("hour_of_day / 23");
    QVERIFY(hour.ok());
    const Eigen::VectorXd h = hour->evaluateSeries(v, times, w);
    const int firstHour = static_cast<int>((times[w - 1] / 3'600'000) % 24);
    for (Eigen::Index r = 0; r < h.size(); ++r) {
        QVERIFY(near(h(r), double((firstHour + r) % 24) / 23.0));
    }
    QVERIFY(hour->evaluateSeries(v, {}, w).isZero());
    // Input the features refuse (timestamps of another length, a series shorter than a window)
    // gives no prior, not a crash.
    QVERIFY(hour->evaluateSeries(v, {1, 2, 3}, w).isZero());
    QCOMPARE(hour->evaluateSeries(v.topRows(4), {}, w).size(), Eigen::Index(0));
    // Potentials of windows alone do not ask for the series.
    QVERIFY(!HeuristicPotential().readsWholeSeries());
}

QTEST_GUILESS_MAIN(TestPotentialLanguage)
#include "tst_potential_language.moc"
