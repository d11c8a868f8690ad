// SPDX-License-Identifier: MIT
// Lexer, recursive-descent parser, validator and printer of the potential language.
// The input is untrusted model output: every path ends in a value or a positioned error, the
// recursion is bounded by the depth limit, and nothing is executed.
#include "vigil/potential_language.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

namespace vigil::core {

namespace {

struct FunctionInfo
{
    const char* name;
    ExprOp op;
    int arity;
};

constexpr std::array<FunctionInfo, 10> kFunctions = {{
    {"abs", ExprOp::Abs, 1},
    {"min", ExprOp::Min, 2},
    {"max", ExprOp::Max, 2},
    {"clamp", ExprOp::Clamp, 3},
    {"exp", ExprOp::Exp, 1},
    {"log", ExprOp::Log, 1},
    {"sqrt", ExprOp::Sqrt, 1},
    {"sigmoid", ExprOp::Sigmoid, 1},
    {"tanh", ExprOp::Tanh, 1},
    {"if", ExprOp::If, 3},
}};

const FunctionInfo* findFunction(std::string_view name)
{
    for (const FunctionInfo& f : kFunctions) {
        if (name == f.name) {
            return &f;
        }
    }
    return nullptr;
}

const FunctionInfo* findFunction(ExprOp op)
{
    for (const FunctionInfo& f : kFunctions) {
        if (op == f.op) {
            return &f;
        }
    }
    return nullptr;
}

// Words models commonly use for a feature or function; tried before edit distance because
// "zscore" is closer to `slope` than to `z_last` by edits alone.
struct Alias
{
    const char* word;
    const char* target;
};

constexpr std::array<Alias, 33> kAliases = {{
    {"zscore", "z_last"},
    {"z_score", "z_last"},
    {"z", "z_last"},
    {"zmax", "z_max"},
    {"max_z", "z_max"},
    {"robust_z", "robust_z_last"},
    {"robust_zscore", "robust_z_last"},
    {"mad_z", "robust_z_last"},
    {"shift", "level_shift"},
    {"mean_shift", "level_shift"},
    {"volatility", "std_ratio"},
    {"variance_ratio", "std_ratio"},
    {"std", "std_ratio"},
    {"trend", "slope"},
    {"spikes", "spike_count"},
    {"amplitude", "range"},
    {"seasonal", "seasonal_residual"},
    {"residual", "seasonal_residual"},
    {"seasonality", "seasonal_residual"},
    {"reconstruction_error", "vae_error"},
    {"vae", "vae_error"},
    {"margin", "rl_margin"},
    {"hour", "hour_of_day"},
    {"weekday", "day_of_week"},
    {"dow", "day_of_week"},
    {"spread", "channel_spread"},
    {"ln", "log"},
    {"logistic", "sigmoid"},
    {"clip", "clamp"},
    {"where", "if"},
    {"ifelse", "if"},
    {"minimum", "min"},
    {"maximum", "max"},
}};

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

/// Optimal-string-alignment (restricted Damerau-Levenshtein) distance.
int editDistance(std::string_view a, std::string_view b)
{
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) {
        prev[j] = static_cast<int>(j);
    }
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
            }
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

/// The candidate closest to `word` (aliases first), or "" when none is close enough.
std::string suggest(std::string_view word, const std::vector<std::string>& candidates)
{
    const std::string w = lower(word);
    const auto isCandidate = [&](std::string_view name) {
        return std::find(candidates.begin(), candidates.end(), name) != candidates.end();
    };
    for (const Alias& alias : kAliases) {
        if (isCandidate(alias.target) && editDistance(w, alias.word) <= (w.size() > 4 ? 1 : 0)) {
            return alias.target;
        }
    }
    std::string best;
    int bestDistance = 1 << 30;
    for (const std::string& c : candidates) {
        int d = editDistance(w, c);
        // A prefix ("spike" for `spike_count`) is a strong hint even when many edits away.
        if (w.size() >= 3 && c.starts_with(w)) {
            d = std::min(d, 1);
        }
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    const int allowed = std::clamp(static_cast<int>(w.size()) / 3, 1, 3);
    return bestDistance <= allowed ? best : std::string();
}

std::string joinNames(const std::vector<std::string>& names)
{
    std::string out;
    for (const std::string& n : names) {
        out += out.empty() ? "" : ", ";
        out += n;
    }
    return out;
}

std::string formatNumber(double v)
{
    std::array<char, 64> buf{};
    const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return std::string(buf.data(), res.ptr);
}

bool isContinuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

enum class Tok {
    Number,
    Ident,
    Plus,
    Minus,
    Star,
    Slash,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    LParen,
    RParen,
    Comma,
    Bad,
    End
};

struct Token
{
    Tok kind = Tok::End;
    std::size_t begin = 0; ///< byte offset
    std::size_t end = 0;
    double number = 0.0;
    std::string bad; ///< Bad: the message, with "{}" where the position goes
};

bool isIdentStart(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool isIdentChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

std::vector<Token> lex(std::string_view s)
{
    std::vector<Token> out;
    std::size_t i = 0;
    const auto at = [&](std::size_t k) { return k < s.size() ? s[k] : '\0'; };
    while (i < s.size()) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            ++i;
            continue;
        }
        Token t;
        t.begin = i;
        if (isDigit(c) || (c == '.' && isDigit(at(i + 1)))) {
            std::size_t j = i;
            while (isDigit(at(j))) {
                ++j;
            }
            if (at(j) == '.') {
                ++j;
                while (isDigit(at(j))) {
                    ++j;
                }
            }
            if (at(j) == 'e' || at(j) == 'E') {
                std::size_t k = j + 1;
                if (at(k) == '+' || at(k) == '-') {
                    ++k;
                }
                if (isDigit(at(k))) {
                    while (isDigit(at(k))) {
                        ++k;
                    }
                    j = k;
                }
            }
            t.end = j;
            const std::string text(s.substr(i, j - i));
            double v = 0.0;
            auto res = std::from_chars(text.data(), text.data() + text.size(), v);
            if (res.ec == std::errc::result_out_of_range) {
                // Too small to hold is 0 (1e-400); too large stays an error.
                const auto e = text.find_first_of("eE");
                if (e != std::string::npos && e + 1 < text.size() && text[e + 1] == '-') {
                    v = 0.0;
                    res.ec = std::errc();
                }
            }
            if (res.ec != std::errc() || !std::isfinite(v)) {
                t.kind = Tok::Bad;
                t.bad = "number `" + text + "` at {} is out of range";
            } else {
                t.kind = Tok::Number;
                t.number = v;
            }
        } else if (isIdentStart(c)) {
            std::size_t j = i;
            while (isIdentChar(at(j))) {
                ++j;
            }
            t.kind = Tok::Ident;
            t.end = j;
        } else {
            const char n = at(i + 1);
            t.end = i + 1;
            switch (c) {
            case '+':
                t.kind = Tok::Plus;
                break;
            case '-':
                t.kind = Tok::Minus;
                break;
            case '/':
                t.kind = Tok::Slash;
                break;
            case '(':
                t.kind = Tok::LParen;
                break;
            case ')':
                t.kind = Tok::RParen;
                break;
            case ',':
                t.kind = Tok::Comma;
                break;
            case '*':
                if (n == '*') {
                    t.kind = Tok::Bad;
                    t.end = i + 2;
                    t.bad = "`**` at {} is not an operator: there is no power; use `*`, exp or log";
                } else {
                    t.kind = Tok::Star;
                }
                break;
            case '<':
            case '>':
                if (n == '=') {
                    t.kind = c == '<' ? Tok::LessEqual : Tok::GreaterEqual;
                    t.end = i + 2;
                } else {
                    t.kind = c == '<' ? Tok::Less : Tok::Greater;
                }
                break;
            case '&':
            case '|':
                t.kind = Tok::Bad;
                t.end = n == c ? i + 2 : i + 1;
                t.bad = "`" + std::string(s.substr(i, t.end - i)) +
                        "` at {} is not an operator; write `" + (c == '&' ? "and" : "or") + "`";
                break;
            case '=':
            case '!':
                t.kind = Tok::Bad;
                if (n == '=' || c == '=') {
                    t.end = n == '=' ? i + 2 : i + 1;
                    t.bad = "`" + std::string(s.substr(i, t.end - i)) +
                            "` at {} is not supported: compare with <, <=, > or >=";
                } else {
                    t.bad = "`!` at {} is not an operator; write `not`";
                }
                break;
            case '^':
                t.kind = Tok::Bad;
                t.bad = "`^` at {} is not an operator: there is no power; use `*`, exp or log";
                break;
            default: {
                std::size_t j = i + 1;
                while (j < s.size() && isContinuation(s[j])) {
                    ++j;
                }
                t.kind = Tok::Bad;
                t.end = j;
                t.bad = "unexpected character `" + std::string(s.substr(i, j - i)) + "` at {}";
                break;
            }
            }
        }
        out.push_back(std::move(t));
        i = out.back().end;
    }
    Token end;
    end.kind = Tok::End;
    end.begin = end.end = s.size();
    out.push_back(end);
    return out;
}

class Parser
{
public:
    Parser(std::string_view text, const std::vector<std::string>& features,
           const PotentialLimits& limits)
        : m_text(text)
        , m_features(features)
        , m_limits(limits)
    {
        m_charAt.resize(text.size() + 1);
        int chars = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            m_charAt[i] = chars;
            if (!isContinuation(text[i])) {
                ++chars;
            }
        }
        m_charAt[text.size()] = chars;
    }

    Result<Expr> run(PotentialError* detail)
    {
        const int length = m_charAt.back();
        if (length > m_limits.maxLength) {
            return failAt(m_limits.maxLength,
                          "expression is " + std::to_string(length) +
                              " characters long; the limit is " +
                              std::to_string(m_limits.maxLength),
                          detail);
        }
        m_tokens = lex(m_text);
        if (m_tokens.front().kind == Tok::End) {
            setError(0, "empty expression");
            return finishError(detail);
        }
        const std::int32_t root = parseOr();
        if (root >= 0 && !m_error) {
            const Token& t = peek();
            if (t.kind == Tok::RParen) {
                setError(charPos(t.begin), "unmatched `)` at {}");
            } else if (t.kind == Tok::Bad) {
                setError(charPos(t.begin), t.bad);
            } else if (t.kind != Tok::End) {
                setError(charPos(t.begin), "unexpected " + describe(t) +
                                               " at {} after a complete expression" +
                                               " (missing operator?)");
            }
        }
        if (m_error) {
            return finishError(detail);
        }
        m_expr.root = root;
        m_expr.depth = m_depth[static_cast<std::size_t>(root)];
        m_expr.source = std::string(m_text);
        return std::move(m_expr);
    }

private:
    // --- errors ---

    int charPos(std::size_t byte) const { return m_charAt[std::min(byte, m_text.size())]; }

    /// Records the first error; "{}" in `message` is replaced by the position.
    void setError(int position, std::string message)
    {
        if (m_error) {
            return;
        }
        if (const auto k = message.find("{}"); k != std::string::npos) {
            message.replace(k, 2, std::to_string(position));
        }
        m_error = PotentialError{position, std::move(message), {}};
    }

    Error failAt(int position, std::string message, PotentialError* detail)
    {
        setError(position, std::move(message));
        return finishError(detail);
    }

    Error finishError(PotentialError* detail)
    {
        PotentialError& e = *m_error;
        e.excerpt = excerpt(e.position);
        if (detail != nullptr) {
            *detail = e;
        }
        return Error{e.message + "\n" + e.excerpt};
    }

    /// The source around `position` (whitespace flattened) and a caret under the position.
    std::string excerpt(int position) const
    {
        constexpr int kContext = 60;
        std::vector<std::size_t> starts; // byte offset of each character
        for (std::size_t i = 0; i < m_text.size(); ++i) {
            if (!isContinuation(m_text[i])) {
                starts.push_back(i);
            }
        }
        const int count = static_cast<int>(starts.size());
        const int from = std::max(0, position - kContext);
        const int to = std::min(count, position + kContext);
        const auto byteOf = [&](int ch) {
            return ch >= count ? m_text.size() : starts[static_cast<std::size_t>(ch)];
        };
        std::string line = "  ";
        int caret = 2 + position - from;
        if (from > 0) {
            line += "...";
            caret += 3;
        }
        std::string body(m_text.substr(byteOf(from), byteOf(to) - byteOf(from)));
        for (char& c : body) {
            if (c == '\n' || c == '\r' || c == '\t') {
                c = ' ';
            }
        }
        line += body;
        if (to < count) {
            line += "...";
        }
        return line + "\n" + std::string(static_cast<std::size_t>(caret), ' ') + "^";
    }

    std::string describe(const Token& t) const
    {
        if (t.kind == Tok::End) {
            return "end of expression";
        }
        return "`" + std::string(m_text.substr(t.begin, t.end - t.begin)) + "`";
    }

    void expectedOperand(const Token& t)
    {
        if (t.kind == Tok::Bad) {
            setError(charPos(t.begin), t.bad);
        } else if (t.kind == Tok::End) {
            setError(charPos(t.begin), "unexpected end of expression at {}; expected a number, "
                                       "feature, function or `(`");
        } else {
            setError(charPos(t.begin),
                     "expected a number, feature, function or `(` at {}, found " + describe(t));
        }
    }

    // --- tokens ---

    const Token& peek() const { return m_tokens[m_pos]; }
    const Token& next() { return m_tokens[m_pos++]; }
    std::string_view textOf(const Token& t) const
    {
        return m_text.substr(t.begin, t.end - t.begin);
    }
    bool peekWord(std::string_view word) const
    {
        return peek().kind == Tok::Ident && textOf(peek()) == word;
    }

    // --- nodes ---

    std::int32_t addNode(ExprNode node)
    {
        int depth = 1;
        for (const std::int32_t a : node.args) {
            depth = std::max(depth, m_depth[static_cast<std::size_t>(a)] + 1);
        }
        if (depth > m_limits.maxDepth) {
            depthError(node.position);
            return -1;
        }
        m_expr.nodes.push_back(std::move(node));
        m_depth.push_back(depth);
        return static_cast<std::int32_t>(m_expr.nodes.size() - 1);
    }

    void depthError(int position)
    {
        setError(position, "expression nests deeper than " + std::to_string(m_limits.maxDepth) +
                               " levels at {}");
    }

    /// Bounds the recursion (nested parentheses, calls and unary operators) by the depth limit.
    class NestGuard
    {
    public:
        explicit NestGuard(Parser& p)
            : m_p(p)
        {
            ++m_p.m_nesting;
        }
        ~NestGuard() { --m_p.m_nesting; }
        NestGuard(const NestGuard&) = delete;
        NestGuard& operator=(const NestGuard&) = delete;
        bool tooDeep() const { return m_p.m_nesting > m_p.m_limits.maxDepth; }

    private:
        Parser& m_p;
    };

    // --- grammar ---

    std::int32_t parseNary(ExprOp op, std::string_view word, std::int32_t (Parser::*sub)())
    {
        const std::int32_t first = (this->*sub)();
        if (first < 0 || !peekWord(word)) {
            return first;
        }
        ExprNode node;
        node.op = op;
        node.position = charPos(peek().begin);
        node.args.push_back(first);
        while (peekWord(word)) {
            next();
            const std::int32_t rhs = (this->*sub)();
            if (rhs < 0) {
                return -1;
            }
            node.args.push_back(rhs);
        }
        return addNode(std::move(node));
    }

    std::int32_t parseOr() { return parseNary(ExprOp::Or, "or", &Parser::parseAnd); }
    std::int32_t parseAnd() { return parseNary(ExprOp::And, "and", &Parser::parseNot); }

    std::int32_t parseNot()
    {
        if (!peekWord("not")) {
            return parseCompare();
        }
        const int position = charPos(next().begin);
        const NestGuard guard(*this);
        if (guard.tooDeep()) {
            depthError(position);
            return -1;
        }
        const std::int32_t operand = parseNot();
        if (operand < 0) {
            return -1;
        }
        ExprNode node;
        node.op = ExprOp::Not;
        node.position = position;
        node.args = {operand};
        return addNode(std::move(node));
    }

    static std::optional<ExprOp> compareOp(Tok t)
    {
        switch (t) {
        case Tok::Less:
            return ExprOp::Less;
        case Tok::LessEqual:
            return ExprOp::LessEqual;
        case Tok::Greater:
            return ExprOp::Greater;
        case Tok::GreaterEqual:
            return ExprOp::GreaterEqual;
        default:
            return std::nullopt;
        }
    }

    std::int32_t parseCompare()
    {
        const std::int32_t lhs = parseSum();
        if (lhs < 0) {
            return -1;
        }
        const auto op = compareOp(peek().kind);
        if (!op) {
            return lhs;
        }
        const int position = charPos(next().begin);
        const std::int32_t rhs = parseSum();
        if (rhs < 0) {
            return -1;
        }
        if (compareOp(peek().kind)) {
            setError(charPos(peek().begin),
                     "comparisons do not chain (at {}); combine them with `and`");
            return -1;
        }
        ExprNode node;
        node.op = *op;
        node.position = position;
        node.args = {lhs, rhs};
        return addNode(std::move(node));
    }

    std::int32_t parseChain(ExprOp op, Tok plain, Tok inverse, std::int32_t (Parser::*sub)())
    {
        const std::int32_t first = (this->*sub)();
        if (first < 0 || (peek().kind != plain && peek().kind != inverse)) {
            return first;
        }
        ExprNode node;
        node.op = op;
        node.position = charPos(peek().begin);
        node.args.push_back(first);
        node.inverse.push_back(0);
        while (peek().kind == plain || peek().kind == inverse) {
            const bool inv = next().kind == inverse;
            const std::int32_t rhs = (this->*sub)();
            if (rhs < 0) {
                return -1;
            }
            node.args.push_back(rhs);
            node.inverse.push_back(inv ? 1 : 0);
        }
        return addNode(std::move(node));
    }

    std::int32_t parseSum()
    {
        return parseChain(ExprOp::Sum, Tok::Plus, Tok::Minus, &Parser::parseProduct);
    }

    std::int32_t parseProduct()
    {
        return parseChain(ExprOp::Product, Tok::Star, Tok::Slash, &Parser::parseUnary);
    }

    std::int32_t parseUnary()
    {
        if (peek().kind != Tok::Minus) {
            return parsePrimary();
        }
        const int position = charPos(next().begin);
        const NestGuard guard(*this);
        if (guard.tooDeep()) {
            depthError(position);
            return -1;
        }
        const std::int32_t operand = parseUnary();
        if (operand < 0) {
            return -1;
        }
        ExprNode& inner = m_expr.nodes[static_cast<std::size_t>(operand)];
        if (inner.op == ExprOp::Number &&
            operand + 1 == static_cast<std::int32_t>(m_expr.nodes.size())) {
            // Fold "-2" into a literal: the tree stays small and prints as written.
            inner.value = -inner.value;
            inner.position = position;
            return operand;
        }
        ExprNode node;
        node.op = ExprOp::Neg;
        node.position = position;
        node.args = {operand};
        return addNode(std::move(node));
    }

    std::int32_t parsePrimary()
    {
        const Token& t = peek();
        const int position = charPos(t.begin);
        switch (t.kind) {
        case Tok::Number: {
            next();
            ExprNode node;
            node.op = ExprOp::Number;
            node.value = t.number;
            node.position = position;
            return addNode(std::move(node));
        }
        case Tok::LParen: {
            next();
            const NestGuard guard(*this);
            if (guard.tooDeep()) {
                depthError(position);
                return -1;
            }
            const std::int32_t inner = parseOr();
            if (inner < 0) {
                return -1;
            }
            if (!closeParen(position)) {
                return -1;
            }
            return inner;
        }
        case Tok::Ident:
            return parseName();
        default:
            expectedOperand(t);
            return -1;
        }
    }

    /// Consumes the `)` that closes the `(` at `openPosition`.
    bool closeParen(int openPosition)
    {
        const Token& t = peek();
        if (t.kind == Tok::RParen) {
            next();
            return true;
        }
        if (t.kind == Tok::End) {
            setError(openPosition, "unclosed `(` at {}: expected `)` before the end");
        } else if (t.kind == Tok::Bad) {
            setError(charPos(t.begin), t.bad);
        } else {
            setError(charPos(t.begin), "expected `)` at {} to close the `(` at " +
                                           std::to_string(openPosition) + ", found " + describe(t));
        }
        return false;
    }

    std::int32_t parseName()
    {
        const Token& t = next();
        const std::string name(textOf(t));
        const int position = charPos(t.begin);
        if (name == "and" || name == "or" || name == "not") {
            --m_pos;
            expectedOperand(t);
            return -1;
        }
        if (peek().kind == Tok::LParen) {
            return parseCall(name, position);
        }
        if (std::find(m_features.begin(), m_features.end(), name) == m_features.end()) {
            if (findFunction(name) != nullptr) {
                setError(position,
                         "`" + name + "` at {} is a function; call it as `" + name + "(...)`");
                return -1;
            }
            std::string message = "unknown feature `" + name + "` at {}";
            std::vector<std::string> candidates = m_features;
            for (const char* w : {"and", "or", "not"}) {
                candidates.emplace_back(w);
            }
            const std::string hint = suggest(name, candidates);
            if (!hint.empty()) {
                message += "; did you mean `" + hint + "`?";
            } else {
                message += "; known features: " + joinNames(m_features);
            }
            setError(position, message);
            return -1;
        }
        if (++m_expr.featureReferences > m_limits.maxFeatureReferences) {
            setError(position, "more than " + std::to_string(m_limits.maxFeatureReferences) +
                                   " feature references (the limit) at {}");
            return -1;
        }
        ExprNode node;
        node.op = ExprOp::Feature;
        node.position = position;
        const auto it = std::find(m_expr.features.begin(), m_expr.features.end(), name);
        node.feature = static_cast<std::int32_t>(it - m_expr.features.begin());
        if (it == m_expr.features.end()) {
            m_expr.features.push_back(name);
        }
        return addNode(std::move(node));
    }

    std::int32_t parseCall(const std::string& name, int position)
    {
        const FunctionInfo* f = findFunction(name);
        if (f == nullptr) {
            if (std::find(m_features.begin(), m_features.end(), name) != m_features.end()) {
                setError(position, "`" + name + "` at {} is a feature, not a function");
                return -1;
            }
            std::string message = "unknown function `" + name + "` at {}";
            const std::string hint = suggest(name, potentialFunctionNames());
            message += hint.empty() ? "; functions: " + joinNames(potentialFunctionNames())
                                    : "; did you mean `" + hint + "`?";
            setError(position, message);
            return -1;
        }
        const int openPosition = charPos(next().begin); // '('
        const NestGuard guard(*this);
        if (guard.tooDeep()) {
            depthError(openPosition);
            return -1;
        }
        ExprNode node;
        node.op = f->op;
        node.position = position;
        if (peek().kind != Tok::RParen) {
            while (true) {
                const std::int32_t arg = parseOr();
                if (arg < 0) {
                    return -1;
                }
                node.args.push_back(arg);
                if (peek().kind != Tok::Comma) {
                    break;
                }
                next();
            }
        }
        if (!closeParen(openPosition)) {
            return -1;
        }
        const int found = static_cast<int>(node.args.size());
        if (found != f->arity) {
            setError(position, "`" + name + "` at {} takes " + std::to_string(f->arity) +
                                   (f->arity == 1 ? " argument" : " arguments") + ", found " +
                                   std::to_string(found));
            return -1;
        }
        return addNode(std::move(node));
    }

    std::string_view m_text;
    const std::vector<std::string>& m_features;
    PotentialLimits m_limits;
    std::vector<int> m_charAt; ///< byte offset -> character offset
    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    int m_nesting = 0;
    Expr m_expr;
    std::vector<int> m_depth; ///< per node
    std::optional<PotentialError> m_error;
};

// --- printing ---

int precedence(const Expr& e, std::int32_t id)
{
    const ExprNode& n = e.nodes[static_cast<std::size_t>(id)];
    switch (n.op) {
    case ExprOp::Or:
        return 1;
    case ExprOp::And:
        return 2;
    case ExprOp::Not:
        return 3;
    case ExprOp::Less:
    case ExprOp::LessEqual:
    case ExprOp::Greater:
    case ExprOp::GreaterEqual:
        return 4;
    case ExprOp::Sum:
        return 5;
    case ExprOp::Product:
        return 6;
    case ExprOp::Neg:
        return 7;
    case ExprOp::Number:
        return std::signbit(n.value) ? 7 : 8;
    default:
        return 8;
    }
}

void print(const Expr& e, std::int32_t id, std::string& out);

void printChild(const Expr& e, std::int32_t child, bool parens, std::string& out)
{
    if (parens) {
        out += '(';
    }
    print(e, child, out);
    if (parens) {
        out += ')';
    }
}

void print(const Expr& e, std::int32_t id, std::string& out)
{
    const ExprNode& n = e.nodes[static_cast<std::size_t>(id)];
    const int prec = precedence(e, id);
    switch (n.op) {
    case ExprOp::Number:
        out += formatNumber(n.value);
        return;
    case ExprOp::Feature:
        out += e.features[static_cast<std::size_t>(n.feature)];
        return;
    case ExprOp::Neg:
        out += '-';
        printChild(e, n.args[0], precedence(e, n.args[0]) < prec, out);
        return;
    case ExprOp::Not:
        out += "not ";
        printChild(e, n.args[0], precedence(e, n.args[0]) < prec, out);
        return;
    case ExprOp::Sum:
    case ExprOp::Product:
    case ExprOp::And:
    case ExprOp::Or:
    case ExprOp::Less:
    case ExprOp::LessEqual:
    case ExprOp::Greater:
    case ExprOp::GreaterEqual: {
        for (std::size_t i = 0; i < n.args.size(); ++i) {
            const bool inv = i < n.inverse.size() && n.inverse[i] != 0;
            if (i > 0 || inv) {
                const char* sep = "";
                switch (n.op) {
                case ExprOp::Sum:
                    sep = inv ? " - " : " + ";
                    break;
                case ExprOp::Product:
                    sep = inv ? " / " : " * ";
                    break;
                case ExprOp::And:
                    sep = " and ";
                    break;
                case ExprOp::Or:
                    sep = " or ";
                    break;
                case ExprOp::Less:
                    sep = " < ";
                    break;
                case ExprOp::LessEqual:
                    sep = " <= ";
                    break;
                case ExprOp::Greater:
                    sep = " > ";
                    break;
                default:
                    sep = " >= ";
                    break;
                }
                if (i == 0) { // a leading inverse: "-x" or "1 / x"
                    out += n.op == ExprOp::Sum ? "-" : "1 / ";
                } else {
                    out += sep;
                }
            }
            printChild(e, n.args[i], precedence(e, n.args[i]) <= prec, out);
        }
        return;
    }
    default: {
        const FunctionInfo* f = findFunction(n.op);
        out += f != nullptr ? f->name : "?";
        out += '(';
        for (std::size_t i = 0; i < n.args.size(); ++i) {
            if (i > 0) {
                out += ", ";
            }
            print(e, n.args[i], out);
        }
        out += ')';
        return;
    }
    }
}

} // namespace

const std::vector<std::string>& potentialFunctionNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const FunctionInfo& f : kFunctions) {
            v.emplace_back(f.name);
        }
        return v;
    }();
    return names;
}

Result<Expr> parsePotential(std::string_view text, PotentialError* detail)
{
    return parsePotential(text, featureNames(), PotentialLimits{}, detail);
}

Result<Expr> parsePotential(std::string_view text, const std::vector<std::string>& featureNames,
                            const PotentialLimits& limits, PotentialError* detail)
{
    Parser parser(text, featureNames, limits);
    return parser.run(detail);
}

std::string toString(const Expr& expr)
{
    return expr.root < 0 ? std::string() : toString(expr, expr.root);
}

std::string toString(const Expr& expr, std::int32_t node)
{
    std::string out;
    if (node >= 0 && node < static_cast<std::int32_t>(expr.nodes.size())) {
        print(expr, node, out);
    }
    return out;
}

std::vector<ExprTerm> topLevelTerms(const Expr& expr)
{
    std::vector<ExprTerm> terms;
    if (expr.root < 0) {
        return terms;
    }
    const ExprNode& root = expr.nodes[static_cast<std::size_t>(expr.root)];
    if (root.op != ExprOp::Sum) {
        terms.push_back({1, expr.root, toString(expr, expr.root)});
        return terms;
    }
    for (std::size_t i = 0; i < root.args.size(); ++i) {
        const bool inv = i < root.inverse.size() && root.inverse[i] != 0;
        terms.push_back({inv ? -1 : 1, root.args[i], toString(expr, root.args[i])});
    }
    return terms;
}

} // namespace vigil::core
