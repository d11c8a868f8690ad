// SPDX-License-Identifier: MIT
// The potential language (LLM.md): one expression over named window features that a model
// writes and Vigil parses, validates and evaluates over every window. Model output is untrusted:
// it is only ever parsed into the tree below and interpreted, never executed.
//
// Grammar, loosest binding first:
//   expr    := or
//   or      := and ("or" and)*
//   and     := not ("and" not)*
//   not     := "not" not | compare
//   compare := sum (("<" | "<=" | ">" | ">=") sum)?     comparisons do not chain
//   sum     := product (("+" | "-") product)*
//   product := unary (("*" | "/") unary)*
//   unary   := "-" unary | primary
//   primary := number | feature | function "(" expr ("," expr)* ")" | "(" expr ")"
// Functions: abs exp log sqrt sigmoid tanh (1 argument), min max (2), clamp if (3).
//
// Values: comparisons, `and`, `or` and `not` give 1 or 0 (non-zero is true). Division by zero,
// log of x ≤ 0, sqrt of x < 0 and NaN inputs make the window's value invalid; invalid propagates
// through every operator except `if`, which only looks at the branch it selects (so
// `if(x > 0, log(x), 0)` is a valid guard). The potential is 0 on invalid windows and the value
// clamped to [0, 1] elsewhere: never NaN, never a crash.
//
// Limits: ≤ 2000 characters, depth ≤ 32 (nested operators, calls and parentheses), ≤ 64 feature
// references counted with repetition. Positions are 0-based character (UTF-8 code point) offsets.
//
// Thread rules: Expr and CompiledPotential are immutable values; const members are thread-safe.
#pragma once

#include "vigil/result.h"
#include "vigil/window_features.h"

#include <Eigen/Core>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::core {

/// What a node of a parsed expression does.
enum class ExprOp : std::uint8_t {
    Number,
    Feature,
    Neg,
    Not,
    Sum,     ///< n-ary; Node::inverse[i] = 1 subtracts child i
    Product, ///< n-ary; Node::inverse[i] = 1 divides by child i
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    And, ///< n-ary
    Or,  ///< n-ary
    Abs,
    Min,
    Max,
    Clamp,
    Exp,
    Log,
    Sqrt,
    Sigmoid,
    Tanh,
    If,
};

/// One node; children always come before their parent in Expr::nodes.
struct ExprNode
{
    ExprOp op = ExprOp::Number;
    double value = 0.0;                ///< Number: the literal
    std::int32_t feature = -1;         ///< Feature: index into Expr::features
    std::int32_t position = 0;         ///< character offset of the node's token in the source
    std::vector<std::int32_t> args;    ///< children, indices into Expr::nodes
    std::vector<std::uint8_t> inverse; ///< Sum/Product: per child, 1 = subtract/divide
};

/// A parsed, validated expression.
struct Expr
{
    std::vector<ExprNode> nodes;       ///< post-order; the root is `root`
    std::vector<std::string> features; ///< distinct feature names, in order of first use
    std::int32_t root = -1;
    int depth = 0;             ///< tree depth (a leaf has depth 1)
    int featureReferences = 0; ///< feature references counted with repetition
    std::string source;        ///< the text that was parsed
};

/// Limits checked by the parser (LLM.md).
struct PotentialLimits
{
    int maxLength = 2000; ///< characters
    int maxDepth = 32;
    int maxFeatureReferences = 64;
};

/// A parse or validation error with its position.
struct PotentialError
{
    int position = 0;    ///< 0-based character offset
    std::string message; ///< one line, e.g. "unknown feature `zscore` at 9; did you mean `z_last`?"
    std::string excerpt; ///< the source (or the part around `position`) and a caret line under it
};

/// Parses `text` against the feature catalogue. The Error is the one-line message followed by the
/// caret excerpt; pass `detail` to also get the position.
Result<Expr> parsePotential(std::string_view text, PotentialError* detail = nullptr);

/// Parses against an explicit list of allowed feature names and limits.
Result<Expr> parsePotential(std::string_view text, const std::vector<std::string>& featureNames,
                            const PotentialLimits& limits, PotentialError* detail = nullptr);

/// Canonical text of the expression: minimal parentheses, single spaces around binary
/// operators, shortest round-trip numbers. Parsing it gives the same canonical text.
std::string toString(const Expr& expr);

/// Canonical text of the subtree rooted at `node`.
std::string toString(const Expr& expr, std::int32_t node);

/// One additive term of the expression's top level.
struct ExprTerm
{
    int sign = 1;          ///< +1 or -1
    std::int32_t node = 0; ///< the term's subtree (without the sign)
    std::string text;      ///< canonical text of the subtree
};

/// Top-level terms: the children of a top-level sum/difference with their signs, or the whole
/// expression as one term with sign +1.
std::vector<ExprTerm> topLevelTerms(const Expr& expr);

/// An expression compiled to a stack program bound to a column layout. Cheap to copy.
class CompiledPotential
{
public:
    /// Binds `expr` to `columns` (feature names in column order); fails on a missing feature.
    static Result<CompiledPotential> compile(const Expr& expr,
                                             const std::vector<std::string>& columns);
    /// Compiles only the subtree rooted at `node`.
    static Result<CompiledPotential> compile(const Expr& expr, std::int32_t node,
                                             const std::vector<std::string>& columns);

    /// φ ∈ [0, 1] of every row of `features` (N x F in the bound column order); 0 where invalid.
    Eigen::VectorXd evaluate(const Eigen::MatrixXd& features) const;
    /// Unclamped values; NaN where invalid.
    Eigen::VectorXd evaluateRaw(const Eigen::MatrixXd& features) const;
    /// Number of stack instructions (for tests and reports).
    int instructionCount() const;

    struct Program;

private:
    explicit CompiledPotential(std::shared_ptr<const Program> program);
    std::shared_ptr<const Program> m_program;
};

/// φ of every window of `features` (see CompiledPotential::evaluate).
Result<Eigen::VectorXd> evaluatePotential(const Expr& expr, const FeatureMatrix& features);

/// Value of each top-level term (sign included) on one row; an invalid term gives 0. For a pure
/// sum, clamp(Σ contributions, 0, 1) is the potential of that row.
Result<std::vector<double>> termContributions(const Expr& expr, const FeatureMatrix& features,
                                              Eigen::Index row);

/// Names of the language's functions (for hints and prompts).
const std::vector<std::string>& potentialFunctionNames();

} // namespace vigil::core
