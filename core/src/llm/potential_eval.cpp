// SPDX-License-Identifier: MIT
// Vectorised evaluation of potential expressions. The tree is compiled to a small stack
// program; the program runs over blocks of rows, each instruction a tight loop over one block
// (column-at-a-time), so the compiler vectorises the loops and the stack stays in cache.
// Invalid values are NaN inside the program and become 0 only at the end (see the header).
#include "vigil/potential_language.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace vigil::core {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr Eigen::Index kBlock = 1024;

enum class Code : std::uint8_t {
    Load,  // push column
    Const, // push constant
    Neg,
    Not,
    Add,
    Sub,
    Mul,
    Div,
    AddC,  // top + c
    SubC,  // top - c
    RSubC, // c - top
    MulC,
    DivC,  // top / c
    RDivC, // c / top
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    LessC, // top < c
    LessEqualC,
    GreaterC,
    GreaterEqualC,
    And,
    Or,
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

struct Instr
{
    Code code;
    int column = -1; ///< Load: the column; binary operators: right operand from this column
    double constant = 0.0;
};

bool isNan(double v)
{
    return v != v;
}

// Bitwise rather than short-circuit, and the division done unconditionally, so that the
// compiler turns the loops into branch-free vector code.
bool anyNan(double x, double y)
{
    return (x != x) | (y != y);
}

double divOrNan(double x, double y)
{
    const double q = x / y;
    return y == 0.0 ? kNan : q;
}

} // namespace

struct CompiledPotential::Program
{
    std::vector<Instr> code;
    int maxStack = 0;
    Eigen::Index columnsNeeded = 0; ///< 1 + the largest column loaded
};

namespace {

class Compiler
{
public:
    Compiler(const Expr& expr, const std::vector<std::string>& columns)
        : m_expr(expr)
    {
        for (const std::string& f : expr.features) {
            const auto it = std::find(columns.begin(), columns.end(), f);
            m_columnOf.push_back(it == columns.end() ? -1 : static_cast<int>(it - columns.begin()));
        }
    }

    Status emit(std::int32_t id)
    {
        const ExprNode& n = m_expr.nodes[static_cast<std::size_t>(id)];
        switch (n.op) {
        case ExprOp::Number:
            push({Code::Const, -1, n.value});
            return {};
        case ExprOp::Feature: {
            const int col = columnOf(n);
            if (col < 0) {
                return missing(n);
            }
            push({Code::Load, col, 0.0});
            return {};
        }
        case ExprOp::Sum:
        case ExprOp::Product: {
            const bool sum = n.op == ExprOp::Sum;
            const auto constOp = [&](bool inv) {
                return sum ? (inv ? Code::SubC : Code::AddC) : (inv ? Code::DivC : Code::MulC);
            };
            std::size_t next = 1;
            const ExprNode& first = m_expr.nodes[static_cast<std::size_t>(n.args[0])];
            const bool firstInverse = !n.inverse.empty() && n.inverse[0] != 0;
            if (first.op == ExprOp::Number && !firstInverse && n.args.size() > 1) {
                // "c * x" as "x * c" (exact in IEEE arithmetic): no block filled with c.
                if (Status s = emit(n.args[1]); !s) {
                    return s;
                }
                const bool inv = n.inverse[1] != 0;
                op(sum ? (inv ? Code::RSubC : Code::AddC) : (inv ? Code::RDivC : Code::MulC), 0,
                   first.value);
                next = 2;
            } else {
                if (Status s = emit(n.args[0]); !s) {
                    return s;
                }
                if (firstInverse) {
                    op(sum ? Code::Neg : Code::RDivC, 0, 1.0);
                }
            }
            for (std::size_t i = next; i < n.args.size(); ++i) {
                const bool inv = n.inverse[i] != 0;
                const ExprNode& child = m_expr.nodes[static_cast<std::size_t>(n.args[i])];
                const Code binary =
                    sum ? (inv ? Code::Sub : Code::Add) : (inv ? Code::Div : Code::Mul);
                if (child.op == ExprOp::Number) {
                    op(constOp(inv), 0, child.value);
                } else if (child.op == ExprOp::Feature) {
                    if (Status s = columnOperand(binary, child); !s) {
                        return s;
                    }
                } else {
                    if (Status s = emit(n.args[i]); !s) {
                        return s;
                    }
                    op(binary, 1);
                }
            }
            return {};
        }
        case ExprOp::Less:
        case ExprOp::LessEqual:
        case ExprOp::Greater:
        case ExprOp::GreaterEqual:
            return emitCompare(n);
        case ExprOp::And:
        case ExprOp::Or: {
            if (Status s = emit(n.args[0]); !s) {
                return s;
            }
            for (std::size_t i = 1; i < n.args.size(); ++i) {
                if (Status s = emit(n.args[i]); !s) {
                    return s;
                }
                op(n.op == ExprOp::And ? Code::And : Code::Or, 1);
            }
            return {};
        }
        default:
            break;
        }
        // Unary operators and functions: arguments in order, then the operation.
        for (const std::int32_t a : n.args) {
            if (Status s = emit(a); !s) {
                return s;
            }
        }
        const int pops = static_cast<int>(n.args.size()) - 1;
        switch (n.op) {
        case ExprOp::Neg:
            op(Code::Neg, pops);
            break;
        case ExprOp::Not:
            op(Code::Not, pops);
            break;
        case ExprOp::Abs:
            op(Code::Abs, pops);
            break;
        case ExprOp::Min:
            op(Code::Min, pops);
            break;
        case ExprOp::Max:
            op(Code::Max, pops);
            break;
        case ExprOp::Clamp:
            op(Code::Clamp, pops);
            break;
        case ExprOp::Exp:
            op(Code::Exp, pops);
            break;
        case ExprOp::Log:
            op(Code::Log, pops);
            break;
        case ExprOp::Sqrt:
            op(Code::Sqrt, pops);
            break;
        case ExprOp::Sigmoid:
            op(Code::Sigmoid, pops);
            break;
        case ExprOp::Tanh:
            op(Code::Tanh, pops);
            break;
        case ExprOp::If:
            op(Code::If, pops);
            break;
        default:
            return fail("internal error: unknown node in a potential expression");
        }
        return {};
    }

    CompiledPotential::Program take() { return std::move(m_program); }

private:
    Status emitCompare(const ExprNode& n)
    {
        const ExprNode& lhs = m_expr.nodes[static_cast<std::size_t>(n.args[0])];
        const ExprNode& rhs = m_expr.nodes[static_cast<std::size_t>(n.args[1])];
        Code plain = Code::Less;
        Code withConst = Code::LessC;
        Code mirrored = Code::GreaterC; // c < x  <=>  x > c
        switch (n.op) {
        case ExprOp::LessEqual:
            plain = Code::LessEqual;
            withConst = Code::LessEqualC;
            mirrored = Code::GreaterEqualC;
            break;
        case ExprOp::Greater:
            plain = Code::Greater;
            withConst = Code::GreaterC;
            mirrored = Code::LessC;
            break;
        case ExprOp::GreaterEqual:
            plain = Code::GreaterEqual;
            withConst = Code::GreaterEqualC;
            mirrored = Code::LessEqualC;
            break;
        default:
            break;
        }
        if (rhs.op == ExprOp::Number) {
            if (Status s = emit(n.args[0]); !s) {
                return s;
            }
            op(withConst, 0, rhs.value);
            return {};
        }
        if (lhs.op == ExprOp::Number) {
            if (Status s = emit(n.args[1]); !s) {
                return s;
            }
            op(mirrored, 0, lhs.value);
            return {};
        }
        if (Status s = emit(n.args[0]); !s) {
            return s;
        }
        if (rhs.op == ExprOp::Feature) {
            return columnOperand(plain, rhs);
        }
        if (Status s = emit(n.args[1]); !s) {
            return s;
        }
        op(plain, 1);
        return {};
    }

    int columnOf(const ExprNode& feature) const
    {
        return m_columnOf[static_cast<std::size_t>(feature.feature)];
    }

    Status missing(const ExprNode& feature) const
    {
        return fail("feature `" + m_expr.features[static_cast<std::size_t>(feature.feature)] +
                    "` is not among the computed features");
    }

    /// A binary operation whose right operand is read straight from a feature column.
    Status columnOperand(Code code, const ExprNode& feature)
    {
        const int col = columnOf(feature);
        if (col < 0) {
            return missing(feature);
        }
        m_program.columnsNeeded = std::max<Eigen::Index>(m_program.columnsNeeded, col + 1);
        m_program.code.push_back({code, col, 0.0});
        return {};
    }

    void push(Instr instr)
    {
        if (instr.code == Code::Load) {
            m_program.columnsNeeded =
                std::max<Eigen::Index>(m_program.columnsNeeded, instr.column + 1);
        }
        m_program.code.push_back(instr);
        ++m_depth;
        m_program.maxStack = std::max(m_program.maxStack, m_depth);
    }

    void op(Code code, int pops, double constant = 0.0)
    {
        m_program.code.push_back({code, -1, constant});
        m_depth -= pops;
    }

    const Expr& m_expr;
    std::vector<int> m_columnOf; ///< per Expr::features entry
    CompiledPotential::Program m_program;
    int m_depth = 0;
};

using ArrayMap = Eigen::Map<Eigen::ArrayXd>;

// One instruction over one block; `top` is the stack slot of the instruction's result.
void runBlock(const CompiledPotential::Program& program, const Eigen::MatrixXd& features,
              Eigen::Index row0, Eigen::Index n, double* stack, double* out, bool clamp)
{
    int sp = -1;
    const auto slot = [&](int k) { return stack + static_cast<std::ptrdiff_t>(k) * kBlock; };
    const auto column = [&](int c) { return features.data() + features.rows() * c + row0; };
    for (const Instr& in : program.code) {
        switch (in.code) {
        case Code::Load: {
            double* a = slot(++sp);
            const double* col = column(in.column);
            std::copy(col, col + n, a);
            break;
        }
        case Code::Const: {
            double* a = slot(++sp);
            std::fill(a, a + n, in.constant);
            break;
        }
        case Code::Neg: {
            double* a = slot(sp);
            for (Eigen::Index i = 0; i < n; ++i) {
                a[i] = -a[i];
            }
            break;
        }
        case Code::Not: {
            double* a = slot(sp);
            for (Eigen::Index i = 0; i < n; ++i) {
                a[i] = isNan(a[i]) ? kNan : (a[i] == 0.0 ? 1.0 : 0.0);
            }
            break;
        }
#define VIGIL_BINARY(CODE, EXPR)                                                                   \
    case Code::CODE: {                                                                             \
        const bool fromColumn = in.column >= 0;                                                    \
        double* __restrict__ a = slot(fromColumn ? sp : sp - 1);                                   \
        const double* __restrict__ b = fromColumn ? column(in.column) : slot(sp);                  \
        for (Eigen::Index i = 0; i < n; ++i) {                                                     \
            const double x = a[i];                                                                 \
            const double y = b[i];                                                                 \
            a[i] = (EXPR);                                                                         \
        }                                                                                          \
        sp -= fromColumn ? 0 : 1;                                                                  \
        break;                                                                                     \
    }
#define VIGIL_WITH_CONST(CODE, EXPR)                                                               \
    case Code::CODE: {                                                                             \
        double* __restrict__ a = slot(sp);                                                         \
        const double y = in.constant;                                                              \
        for (Eigen::Index i = 0; i < n; ++i) {                                                     \
            const double x = a[i];                                                                 \
            a[i] = (EXPR);                                                                         \
        }                                                                                          \
        break;                                                                                     \
    }
            VIGIL_BINARY(Add, x + y)
            VIGIL_BINARY(Sub, x - y)
            VIGIL_BINARY(Mul, x * y)
            VIGIL_BINARY(Div, divOrNan(x, y))
            VIGIL_BINARY(Less, anyNan(x, y) ? kNan : (x < y ? 1.0 : 0.0))
            VIGIL_BINARY(LessEqual, anyNan(x, y) ? kNan : (x <= y ? 1.0 : 0.0))
            VIGIL_BINARY(Greater, anyNan(x, y) ? kNan : (x > y ? 1.0 : 0.0))
            VIGIL_BINARY(GreaterEqual, anyNan(x, y) ? kNan : (x >= y ? 1.0 : 0.0))
            VIGIL_BINARY(And, anyNan(x, y) ? kNan : (x != 0.0 && y != 0.0 ? 1.0 : 0.0))
            VIGIL_BINARY(Or, anyNan(x, y) ? kNan : (x != 0.0 || y != 0.0 ? 1.0 : 0.0))
            VIGIL_BINARY(Min, anyNan(x, y) ? kNan : (y < x ? y : x))
            VIGIL_BINARY(Max, anyNan(x, y) ? kNan : (y > x ? y : x))
            VIGIL_WITH_CONST(AddC, x + y)
            VIGIL_WITH_CONST(SubC, x - y)
            VIGIL_WITH_CONST(RSubC, y - x)
            VIGIL_WITH_CONST(MulC, x * y)
            VIGIL_WITH_CONST(DivC, divOrNan(x, y))
            VIGIL_WITH_CONST(RDivC, divOrNan(y, x))
            VIGIL_WITH_CONST(LessC, isNan(x) ? kNan : (x < y ? 1.0 : 0.0))
            VIGIL_WITH_CONST(LessEqualC, isNan(x) ? kNan : (x <= y ? 1.0 : 0.0))
            VIGIL_WITH_CONST(GreaterC, isNan(x) ? kNan : (x > y ? 1.0 : 0.0))
            VIGIL_WITH_CONST(GreaterEqualC, isNan(x) ? kNan : (x >= y ? 1.0 : 0.0))
#undef VIGIL_BINARY
#undef VIGIL_WITH_CONST
        case Code::Abs: {
            ArrayMap a(slot(sp), n);
            a = a.abs();
            break;
        }
        case Code::Exp: {
            ArrayMap a(slot(sp), n);
            a = a.exp();
            break;
        }
        case Code::Log: {
            double* a = slot(sp);
            for (Eigen::Index i = 0; i < n; ++i) {
                a[i] = a[i] > 0.0 ? a[i] : kNan; // log(0) would be -inf: a domain error here
            }
            ArrayMap m(a, n);
            m = m.log();
            break;
        }
        case Code::Sqrt: {
            ArrayMap a(slot(sp), n);
            a = a.sqrt(); // NaN below 0
            break;
        }
        case Code::Sigmoid: {
            ArrayMap a(slot(sp), n);
            a = 1.0 / (1.0 + (-a).exp());
            break;
        }
        case Code::Tanh: {
            // tanh(x) = sign(x)(1 - e)/(1 + e), e = exp(-2|x|): one vectorised exp, no
            // overflow; below |x| = 1e-3 the series x - x³/3 + 2x⁵/15 keeps full precision.
            double* a = slot(sp);
            double* t = slot(sp + 1);
            ArrayMap x(a, n);
            ArrayMap e(t, n);
            e = (-2.0 * x.abs()).exp();
            for (Eigen::Index i = 0; i < n; ++i) {
                const double v = a[i];
                const double v2 = v * v;
                const double series = v * (1.0 + v2 * (-1.0 / 3.0 + v2 * (2.0 / 15.0)));
                const double big = std::copysign((1.0 - t[i]) / (1.0 + t[i]), v);
                a[i] = std::abs(v) < 1e-3 ? series : big;
            }
            break;
        }
        case Code::Clamp: {
            double* __restrict__ x = slot(sp - 2);
            const double* __restrict__ lo = slot(sp - 1);
            const double* __restrict__ hi = slot(sp);
            for (Eigen::Index i = 0; i < n; ++i) {
                const double v = x[i] < lo[i] ? lo[i] : x[i];
                const double w = v > hi[i] ? hi[i] : v;
                x[i] = anyNan(x[i], lo[i]) | isNan(hi[i]) ? kNan : w;
            }
            sp -= 2;
            break;
        }
        case Code::If: {
            double* __restrict__ c = slot(sp - 2);
            const double* __restrict__ a = slot(sp - 1);
            const double* __restrict__ b = slot(sp);
            for (Eigen::Index i = 0; i < n; ++i) {
                c[i] = isNan(c[i]) ? kNan : (c[i] != 0.0 ? a[i] : b[i]);
            }
            sp -= 2;
            break;
        }
        }
    }
    const double* r = slot(0);
    if (clamp) {
        for (Eigen::Index i = 0; i < n; ++i) {
            const double v = r[i];
            out[i] = isNan(v) ? 0.0 : (v < 0.0 ? 0.0 : (v > 1.0 ? 1.0 : v));
        }
    } else {
        std::copy(r, r + n, out);
    }
}

} // namespace

CompiledPotential::CompiledPotential(std::shared_ptr<const Program> program)
    : m_program(std::move(program))
{
}

Result<CompiledPotential> CompiledPotential::compile(const Expr& expr,
                                                     const std::vector<std::string>& columns)
{
    return compile(expr, expr.root, columns);
}

Result<CompiledPotential> CompiledPotential::compile(const Expr& expr, std::int32_t node,
                                                     const std::vector<std::string>& columns)
{
    if (node < 0 || node >= static_cast<std::int32_t>(expr.nodes.size())) {
        return fail("cannot compile an empty potential expression");
    }
    Compiler compiler(expr, columns);
    if (Status s = compiler.emit(node); !s) {
        return s.error();
    }
    Program program = compiler.take();
    // Tanh borrows the slot above its operand as scratch.
    program.maxStack += 1;
    return CompiledPotential(std::make_shared<const Program>(std::move(program)));
}

int CompiledPotential::instructionCount() const
{
    return static_cast<int>(m_program->code.size());
}

namespace {

Eigen::VectorXd run(const CompiledPotential::Program& program, const Eigen::MatrixXd& features,
                    bool clamp)
{
    const Eigen::Index rows = features.rows();
    Eigen::VectorXd out(rows);
    if (features.cols() < program.columnsNeeded) {
        out.setConstant(clamp ? 0.0 : kNan);
        return out;
    }
    std::vector<double> stack(static_cast<std::size_t>(program.maxStack * kBlock));
    for (Eigen::Index r0 = 0; r0 < rows; r0 += kBlock) {
        const Eigen::Index n = std::min(kBlock, rows - r0);
        runBlock(program, features, r0, n, stack.data(), out.data() + r0, clamp);
    }
    return out;
}

} // namespace

Eigen::VectorXd CompiledPotential::evaluate(const Eigen::MatrixXd& features) const
{
    return run(*m_program, features, true);
}

Eigen::VectorXd CompiledPotential::evaluateRaw(const Eigen::MatrixXd& features) const
{
    return run(*m_program, features, false);
}

Result<Eigen::VectorXd> evaluatePotential(const Expr& expr, const FeatureMatrix& features)
{
    auto program = CompiledPotential::compile(expr, features.names);
    if (!program) {
        return program.error();
    }
    return program->evaluate(features.values);
}

Result<std::vector<double>> termContributions(const Expr& expr, const FeatureMatrix& features,
                                              Eigen::Index row)
{
    if (row < 0 || row >= features.values.rows()) {
        return fail("window " + std::to_string(row) + " is out of range (0.." +
                    std::to_string(features.values.rows() - 1) + ")");
    }
    const Eigen::MatrixXd one = features.values.row(row);
    std::vector<double> out;
    for (const ExprTerm& term : topLevelTerms(expr)) {
        auto program = CompiledPotential::compile(expr, term.node, features.names);
        if (!program) {
            return program.error();
        }
        const double v = program->evaluateRaw(one)(0);
        out.push_back(std::isnan(v) ? 0.0 : term.sign * v);
    }
    return out;
}

} // namespace vigil::core
