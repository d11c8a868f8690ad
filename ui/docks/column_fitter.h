// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QAbstractItemView;
class QTableView;

namespace vigil::ui {

/// Keeps every column of a dock's table in view. The columns are sized to their contents, the
/// series column at most 180 px (a long name is elided); when the row is wider than the view,
/// the `elastic` column (a date range) gives way down to a minimum, elided, with its whole
/// text in the tooltip, so the last visible column keeps at least `lastMinimum` px (the
/// suggestions' confidence was pushed out of a German dock by a range over midnight; a negative
/// `lastMinimum` means that column's own contents and title). Refits
/// when the view is resized, so the range grows back in a wider dock.
/// GUI thread only; the fitter is a child of the view.
class ColumnFitter : public QObject
{
    Q_OBJECT

public:
    ColumnFitter(QTableView* view, int seriesColumn, int elasticColumn, int lastMinimum);

    /// Sizes every column to its contents, then fits; call after the rows change.
    void resizeToContents();
    /// Fits the elastic column to the view without resizing the others; call after the
    /// elastic column's contents change (the row times arrive later than the rows).
    void fit();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    [[nodiscard]] QAbstractItemView* asItemView() const;

    QTableView* m_view;
    int m_series;
    int m_elastic;
    int m_lastMinimum;
};

} // namespace vigil::ui
