// Release builds on Windows: no console window next to the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    mixdeck_lib::run();
}
