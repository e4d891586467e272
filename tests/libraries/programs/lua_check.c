/* Lua 5.4 running a script that touches the language and each standard library whose
   results do not depend on the host: numbers and their formatting, strings and
   patterns, tables, closures, coroutines, errors, metatables, utf8, string.pack. */
#include <stdio.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

static const char script[] =
    "local function show(...) print(select('#', ...), ...) end\n"
    "show(1 + 2, 7 // 2, 7.0 // 2, 7 % -3, -7 % 3, 2^10, 10 / 4, math.maxinteger + 1)\n"
    "show(math.tointeger(3.0), 3 | 5, 6 & 3, 1 << 62, ~0, 255 >> 4, 0x7fffffffffffffff)\n"
    "show(1e308 * 10, -1e308 * 10, 0/0 ~= 0/0, math.huge, -0.0, 1/3, 2/3, 100 * 1.1)\n"
    "show(string.format('%5.2f|%-8d|%x|%g|%.3e|%q', math.pi, 42, 255, 1e20, 12345.678, 'a\\n\"b'))\n"
    "show(string.format('%.14g %.17g %a', 0.1, 0.1, 1.0), tostring(1e15), tostring(2^53))\n"
    "show(math.sqrt(2), math.floor(-3.5), math.ceil(-3.5), math.fmod(7, 3), math.abs(-4))\n"
    "show(string.format('%.10g %.10g %.10g %.10g', math.sin(1), math.exp(1), math.log(10), "
    "math.atan(1, 2)))\n"
    "show(tonumber('0x1p4'), tonumber('  12  '), tonumber('1e1'), tonumber('z', 36), "
    "tonumber('10', 2), tonumber('nope'))\n"
    "local s = 'The quick brown fox jumps over the lazy dog'\n"
    "show(#s, s:upper(), s:find('o', 15), s:match('(%a+) fox'), s:rep(2, '-'):len())\n"
    "show(s:gsub('%w+', function(w) return w:sub(1, 1):upper() .. w:sub(2) end))\n"
    "show(('x = 1, y = 22, z = 333'):gsub('(%w+) = (%d+)', '%2 = %1'))\n"
    "for k, v in string.gmatch('a=1, b=2, c=3', '(%w+)=(%w+)') do io.write(k, v, ';') end\n"
    "print()\n"
    "local t = {}\n"
    "for i = 1, 200 do t[i] = (i * 7919) % 211 end\n"
    "table.sort(t, function(a, b) return a > b end)\n"
    "show(t[1], t[100], t[200], #t, table.concat(t, ',', 1, 10))\n"
    "table.insert(t, 1, 'first') table.remove(t, 2)\n"
    "show(t[1], t[2], select(2, table.unpack({1, 2, 3})), table.pack(1, nil, 3).n)\n"
    "local words = {}\n"
    "for w in s:gmatch('%a+') do words[w:lower()] = (words[w:lower()] or 0) + 1 end\n"
    "local keys = {} for k in pairs(words) do keys[#keys + 1] = k end table.sort(keys)\n"
    "show(table.concat(keys, ' '), words.the)\n"
    "local function counter() local n = 0 return function() n = n + 1 return n end end\n"
    "local c1, c2 = counter(), counter() c1() c1()\n"
    "show(c1(), c2())\n"
    "local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end\n"
    "show(fib(24))\n"
    "local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i * i) end "
    "return 'done' end)\n"
    "show(gen(), gen(), gen(), gen())\n"
    "local co = coroutine.create(function(a, b) local c = coroutine.yield(a + b) "
    "error('boom ' .. c) end)\n"
    "show(coroutine.resume(co, 1, 2)) show(coroutine.resume(co, 'x')) show(coroutine.status(co))\n"
    "show(select(2, pcall(error, {code = 7})).code, select(2, pcall(error, 'msg', 0)))\n"
    "show(pcall(function() local x = nil return x.field end))\n"
    "show(xpcall(function() return 1 + {} end, function(m) return 'handled: ' .. m end))\n"
    "local V = {} V.__index = V\n"
    "V.__add = function(a, b) return setmetatable({x = a.x + b.x, y = a.y + b.y}, V) end\n"
    "V.__tostring = function(v) return '(' .. v.x .. ', ' .. v.y .. ')' end\n"
    "V.__len = function(v) return math.sqrt(v.x * v.x + v.y * v.y) end\n"
    "local a = setmetatable({x = 3, y = 4}, V)\n"
    "show(tostring(a + a), #a, rawlen({1, 2}), rawequal(a, a))\n"
    "show(utf8.char(72, 228, 8364, 128512), utf8.len('h\\u{e4}\\u{20ac}'), "
    "utf8.codepoint('\\u{20ac}'))\n"
    "local packed = string.pack('<i4 d s1 z', -2, 1.5, 'hi', 'zz')\n"
    "show(#packed, string.unpack('<i4 d s1 z', packed))\n"
    "show(string.byte('ABC', 1, -1), string.char(0x4c, 0x75, 0x61), ('%d'):format(3))\n"
    "show(os.date('!%Y-%m-%d %H:%M:%S', 1234567890), os.time({year = 2000, month = 1, day = 1, "
    "hour = 12}) ~= nil)\n"
    "show(load('return 6 * 7')(), load('syntax error here'))\n"
    "do local i = 0 ::top:: i = i + 1 if i < 5 then goto top end show(i) end\n"
    "local big = {} for i = 1, 20000 do big[i] = tostring(i) end\n"
    "show(#table.concat(big), collectgarbage('step') ~= nil)\n";

int main(void)
{
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    if (luaL_dostring(L, script) != LUA_OK) {
        printf("error: %s\n", lua_tostring(L, -1));
        return 1;
    }
    lua_close(L);
    return 0;
}
