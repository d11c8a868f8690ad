// SPDX-License-Identifier: MIT
namespace vigil::ui {
int placeholder();
int placeholder()
{
    return 0;
}
} // namespace vigil::ui
