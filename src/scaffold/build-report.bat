chcp 65001 >nul
"%~dp0sosei.exe" build --content "%~dp0content" --output "%~dp0output"
pause
