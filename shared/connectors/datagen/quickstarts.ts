/**
 * Confluent's datagen quickstarts, as our own TypeScript objects in the Avro JSON form: each has
 * the field names, types, namespaces and generator arguments of the Confluent schema it mirrors
 * (named on each entry), and goes through the same parser as a user's `schema.string`.
 */

/** One quickstart: the `quickstart` value, Confluent's resource file name, and its key field. */
export interface Quickstart {
  /** The lower-case name users give in `quickstart` (Confluent's Quickstart enum constant). */
  readonly name: string;
  /** The schema file Confluent bundles; `schema.filename` may name it too. */
  readonly schemaFilename: string;
  /** The field used as the record key when `schema.keyfield` is empty. */
  readonly keyField: string;
  /** The Avro schema, as parsed JSON. */
  readonly schema: Readonly<Record<string, unknown>>;
}

type Args = Record<string, unknown>;
type Type = string | Record<string, unknown>;

const typed = (type: string, args?: Args, extra: Args = {}): Record<string, unknown> =>
  args ? { type, ...extra, 'arg.properties': args } : { type, ...extra };
const string = (args?: Args) => typed('string', args);
const int = (args?: Args) => typed('int', args);
const long = (args?: Args) => typed('long', args);
const double = (args?: Args) => typed('double', args);
const field = (name: string, type: Type, doc?: string) => (doc ? { name, doc, type } : { name, type });
const record = (namespace: string, name: string, fields: unknown[], extra: Args = {}) => ({
  namespace,
  name,
  type: 'record',
  fields,
  ...extra,
});

const range = (min: number, max: number) => ({ range: { min, max } });
const options = (...values: unknown[]) => ({ options: values });
const regex = (pattern: string) => ({ regex: pattern });
const iteration = (start: number, step?: number) => ({ iteration: step === undefined ? { start } : { start, step } });

/** The register times of Confluent's users quickstart: February 2017 to February 2018. */
const REGISTER_TIME = range(1487715775521, 1519273364600);

const USERS_FIELDS = [
  field('registertime', long(REGISTER_TIME)),
  field('userid', string(regex('User_[1-9]'))),
  field('regionid', string(regex('Region_[1-9]'))),
  field('gender', string(options('MALE', 'FEMALE', 'OTHER'))),
];

/** Mirrors Confluent's clickstream_codes quickstart (clickstream_codes_schema.avro): HTTP codes picked whole. */
const CLICKSTREAM_CODES = record('clickstream', 'codes', [field('code', 'int'), field('definition', 'string')], {
  'arg.properties': options(
    { code: 200, definition: 'Successful' },
    { code: 302, definition: 'Redirect' },
    { code: 404, definition: 'Page not found' },
    { code: 405, definition: 'Method not allowed' },
    { code: 406, definition: 'Not acceptable' },
    { code: 407, definition: 'Proxy authentication required' },
  ),
});

/** Four blocks of ten addresses, as in Confluent's clickstream quickstart (duplicates and all). */
const CLICKSTREAM_IPS = [
  [
    '111',
    [
      '152.45.45',
      '203.236.146',
      '168.57.122',
      '249.79.93',
      '168.57.122',
      '90.225.227',
      '173.165.103',
      '145.8.144',
      '245.174.248',
      '245.174.111',
    ],
  ],
  [
    '222',
    [
      '152.45.45',
      '203.236.146',
      '168.57.122',
      '249.79.93',
      '168.57.122',
      '90.225.227',
      '173.165.103',
      '145.8.144',
      '245.174.248',
      '245.174.222',
    ],
  ],
  [
    '122',
    [
      '152.45.245',
      '203.236.246',
      '168.57.222',
      '249.79.233',
      '168.57.222',
      '90.225.227',
      '173.165.203',
      '145.8.244',
      '245.174.248',
      '245.174.122',
    ],
  ],
  [
    '233',
    [
      '152.245.45',
      '203.236.146',
      '168.257.122',
      '249.279.93',
      '168.257.122',
      '90.225.227',
      '173.215.103',
      '145.28.144',
      '245.174.248',
      '245.174.233',
    ],
  ],
] as const;

/**
 * Mirrors Confluent's clickstream quickstart (clickstream_schema.avro). Its "session",
 * "session-sibling-int-hash" and "format_as_time" attributes belong to ksql-datagen and are ignored
 * by avro-random-generator, so they are left out here.
 */
const CLICKSTREAM = record('clickstream', 'events', [
  field('ip', string(options(...CLICKSTREAM_IPS.flatMap(([first, rest]) => rest.map((r) => `${first}.${r}`))))),
  field('userid', int(range(-1, 40))),
  field('remote_user', string(options('-'))),
  field('time', string(iteration(1, 10))),
  field('_time', long(iteration(1, 10))),
  field(
    'request',
    string(
      options(
        'GET /index.html HTTP/1.1',
        'GET /site/user_status.html HTTP/1.1',
        'GET /site/login.html HTTP/1.1',
        'GET /site/user_status.html HTTP/1.1',
        'GET /images/track.png HTTP/1.1',
        'GET /images/logo-small.png HTTP/1.1',
      ),
    ),
  ),
  field('status', string(options('200', '302', '404', '405', '406', '407'))),
  field('bytes', string(options('278', '1289', '2048', '4096', '4006', '4196', '14096'))),
  field('referrer', string(options('-'))),
  field(
    'agent',
    string(
      options(
        'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/59.0.3071.115 Safari/537.36',
      ),
    ),
  ),
]);

/** Mirrors Confluent's clickstream_users quickstart (clickstream_users_schema.avro). */
const CLICKSTREAM_USERS = record('clickstream', 'users', [
  field('user_id', int(iteration(1))),
  field(
    'username',
    string(
      options(
        'akatz1022',
        'bobk_43',
        'alison_99',
        'k_robertz_88',
        'Ferd88',
        'Reeva43',
        'Antonio_0966',
        'ArlyneW8ter',
        'DimitriSchenz88',
        'Oriana_70',
        'AbdelKable_86',
        'Roberto_123',
        'AlanGreta_GG66',
        'Nathan_126',
        'AndySims_345324',
        'GlenAlan_23344',
        'LukeWaters_23',
        'BenSteins_235',
      ),
    ),
  ),
  field('registered_at', long(range(1407645330000, 1502339792000))),
  field(
    'first_name',
    string(
      options(
        'Elwyn',
        'Curran',
        'Hanson',
        'Woodrow',
        'Ferd',
        'Reeva',
        'Antonio',
        'Arlyne',
        'Dimitri',
        'Oriana',
        'Abdel',
        'Greta',
      ),
    ),
  ),
  field(
    'last_name',
    string(
      options(
        'Vanyard',
        'Vears',
        'Garrity',
        'Trice',
        'Tomini',
        'Jushcke',
        'De Banke',
        'Pask',
        'Rockhill',
        'Romagosa',
        'Adicot',
        'Lalonde',
      ),
    ),
  ),
  field('city', string(options('Palo Alto', 'San Francisco', 'Raleigh', 'London', 'Frankfurt', 'New York'))),
  field('level', string(options('Gold', 'Silver', 'Platinum'))),
]);

/** Mirrors Confluent's orders quickstart (orders_schema.avro), with its nested address record. */
const ORDERS = record('ksql', 'orders', [
  field('ordertime', long(REGISTER_TIME)),
  field('orderid', int(iteration(0))),
  field('itemid', string(regex('Item_[1-9][0-9]{0,2}'))),
  field('orderunits', double(range(0.1, 10.0))),
  field(
    'address',
    record('ksql', 'address', [
      field('city', string(regex('City_[1-9]{0,2}'))),
      field('state', string(regex('State_[1-9]{0,2}'))),
      field('zipcode', long(range(10000, 99999))),
    ]),
  ),
]);

/** Mirrors Confluent's ratings quickstart (ratings_schema.avro). */
const RATINGS = record('ksql', 'ratings', [
  field('rating_id', long(iteration(1))),
  field('user_id', int(range(-1, 20))),
  field('stars', int(range(1, 5))),
  field('route_id', int(range(1, 9999))),
  field('rating_time', long(iteration(1, 12))),
  field('channel', string(options('web', 'iOS', 'ios', 'iOS-test', 'android'))),
  field(
    'message',
    string(
      options(
        'worst. flight. ever. #neveragain',
        'Surprisingly good, maybe you are getting your mojo back at long last!',
        'Exceeded all my expectations. Thank you !',
        'meh',
        '(expletive deleted)',
        'is this as good as it gets? really ?',
        'airport refurb looks great, will fly outta here more!',
        'why is it so difficult to keep the bathrooms clean ?',
        'thank you for the most friendly, helpful experience today at your new lounge',
        'more peanuts please',
        'your team here rocks!',
      ),
    ),
  ),
]);

/** Mirrors Confluent's users quickstart (users_schema.avro). */
const USERS = record('ksql', 'users', USERS_FIELDS);

/** Mirrors Confluent's users_ quickstart (users_array_map_schema.avro): users plus an array and a map. */
const USERS_ARRAY_MAP = record('ksql', 'users', [
  ...USERS_FIELDS,
  field(
    'interests',
    typed('array', options(['Game', 'News'], ['Game', 'Sport'], ['News', 'Movies'], ['News', 'Travel']), {
      items: 'string',
    }),
  ),
  field(
    'contactinfo',
    typed(
      'map',
      options(
        { phone: '6503349999', city: 'San Mateo', state: 'CA', zipcode: '94403' },
        { phone: '9492229999', city: 'Irvine', state: 'CA', zipcode: '92617' },
        { phone: '6503889999', city: 'Palo Alto', state: 'CA', zipcode: '94301' },
        { phone: '4083366881', city: 'San Jose', state: 'CA', zipcode: '95112' },
        { phone: '6502215368', city: 'San Carlos', state: 'CA', zipcode: '94070' },
      ),
      { values: 'string' },
    ),
  ),
]);

/** Mirrors Confluent's pageviews quickstart (pageviews_schema.avro). */
const PAGEVIEWS = record('ksql', 'pageviews', [
  field('viewtime', long(iteration(1, 10))),
  field('userid', string(regex('User_[1-9]'))),
  field('pageid', string(regex('Page_[1-9][0-9]'))),
]);

/** Mirrors Confluent's stock_trades quickstart (stock_trades_schema.avro), docs included. */
const STOCK_TRADES = record(
  'ksql',
  'StockTrade',
  [
    field('side', string(options('BUY', 'SELL')), 'A simulated trade side (buy or sell or short)'),
    field('quantity', int(range(1, 5000)), 'A simulated random quantity of the trade'),
    field(
      'symbol',
      string(options('ZBZX', 'ZJZZT', 'ZTEST', 'ZVV', 'ZVZZT', 'ZWZZT', 'ZXZZT')),
      'Simulated stock symbols',
    ),
    field('price', int(range(5, 1000)), 'A simulated random trade price in pennies'),
    field('account', string(options('ABC123', 'LMN456', 'XYZ789')), 'Simulated accounts assigned to the trade'),
    field('userid', string(regex('User_[1-9]')), 'The simulated user who executed the trade'),
  ],
  { doc: 'Defines a hypothetical stock trade using some known test stock symbols.' },
);

/** Mirrors Confluent's inventory quickstart (inventory.avro). */
const INVENTORY = record('ksql', 'inventory', [
  field('id', long(iteration(0))),
  field('quantity', long(iteration(0))),
  field('productid', long(iteration(0))),
]);

/** Mirrors Confluent's product quickstart (product.avro). */
const PRODUCT = record('ksql', 'product', [
  field('id', long(iteration(0))),
  field('name', string(iteration(0))),
  field('description', string(iteration(0))),
  field('price', double(iteration(0))),
]);

/** Mirrors Confluent's transactions quickstart (transactions.avro). */
const TRANSACTIONS = record('datagen.example', 'transactions', [
  field('transaction_id', long(iteration(1))),
  field('card_id', long(range(1, 24))),
  field('user_id', string(regex('User_[1-9]{0,1}'))),
  field('purchase_id', long(iteration(0))),
  field('store_id', int(range(1, 7))),
]);

/** Mirrors Confluent's stores quickstart (stores.avro): seven stores picked whole. */
const STORES = record(
  'datagen.example',
  'stores',
  [field('store_id', 'int'), field('city', 'string'), field('state', 'string')],
  {
    'arg.properties': options(
      { store_id: 1, city: 'Raleigh', state: 'NC' },
      { store_id: 2, city: 'Chicago', state: 'IL' },
      { store_id: 3, city: 'Sacramento', state: 'CA' },
      { store_id: 4, city: 'Austin', state: 'TX' },
      { store_id: 5, city: 'Boston', state: 'MA' },
      { store_id: 6, city: 'Atlanta', state: 'GA' },
      { store_id: 7, city: 'Lexington', state: 'SC' },
    ),
  },
);

/** Mirrors Confluent's fleet_mgmt_sensors quickstart (fleet_mgmt_sensors.avro). */
const FLEET_MGMT_SENSORS = record('fleet_mgmt', 'fleet_mgmt_sensors', [
  field('vehicle_id', int(range(1000, 9999))),
  field('engine_temperature', int(range(150, 250))),
  field('average_rpm', int(range(1800, 5000))),
]);

/** Mirrors Confluent's pizza_orders_cancelled quickstart (pizza_orders_cancelled.avro): an int date. */
const PIZZA_ORDERS_CANCELLED = record('pizza_orders', 'pizza_orders_cancelled', [
  field('store_id', int(range(1, 10))),
  field('store_order_id', int(iteration(1001, 2))),
  field('date', typed('int', range(18000, 19000), { logicalType: 'date' })),
  field('status', string(options('cancelled'))),
]);

/** Mirrors Confluent's gaming_player_activity quickstart (gaming_player_activity.avro). */
const GAMING_PLAYER_ACTIVITY = record('gaming', 'gaming_player_activity', [
  field('player_id', int(range(1001, 1101))),
  field('game_room_id', int(range(1000, 5000))),
  field('points', int(range(10, 500))),
  field('coordinates', string(regex('\\[[0-9][0-9],[0-9][0-9]\\]'))),
]);

/** Mirrors Confluent's payroll_bonus quickstart (payroll_bonus.avro): a long timestamp-millis. */
const PAYROLL_BONUS = record('payroll', 'payroll_bonus', [
  field('employee_id', int(range(1000, 1100))),
  field('bonus', int(range(10, 50))),
  field('ts', typed('long', range(1609459200000, 1640995199000), { logicalType: 'timestamp-millis' })),
]);

/** The supported quickstarts, in the order of Confluent's Quickstart enum. */
export const QUICKSTARTS: readonly Quickstart[] = [
  {
    name: 'clickstream_codes',
    schemaFilename: 'clickstream_codes_schema.avro',
    keyField: 'code',
    schema: CLICKSTREAM_CODES,
  },
  { name: 'clickstream', schemaFilename: 'clickstream_schema.avro', keyField: 'ip', schema: CLICKSTREAM },
  {
    name: 'clickstream_users',
    schemaFilename: 'clickstream_users_schema.avro',
    keyField: 'user_id',
    schema: CLICKSTREAM_USERS,
  },
  { name: 'orders', schemaFilename: 'orders_schema.avro', keyField: 'orderid', schema: ORDERS },
  { name: 'ratings', schemaFilename: 'ratings_schema.avro', keyField: 'rating_id', schema: RATINGS },
  { name: 'users', schemaFilename: 'users_schema.avro', keyField: 'userid', schema: USERS },
  { name: 'users_', schemaFilename: 'users_array_map_schema.avro', keyField: 'userid', schema: USERS_ARRAY_MAP },
  { name: 'pageviews', schemaFilename: 'pageviews_schema.avro', keyField: 'viewtime', schema: PAGEVIEWS },
  { name: 'stock_trades', schemaFilename: 'stock_trades_schema.avro', keyField: 'symbol', schema: STOCK_TRADES },
  { name: 'inventory', schemaFilename: 'inventory.avro', keyField: 'id', schema: INVENTORY },
  { name: 'product', schemaFilename: 'product.avro', keyField: 'id', schema: PRODUCT },
  { name: 'transactions', schemaFilename: 'transactions.avro', keyField: 'transaction_id', schema: TRANSACTIONS },
  { name: 'stores', schemaFilename: 'stores.avro', keyField: 'store_id', schema: STORES },
  {
    name: 'fleet_mgmt_sensors',
    schemaFilename: 'fleet_mgmt_sensors.avro',
    keyField: 'vehicle_id',
    schema: FLEET_MGMT_SENSORS,
  },
  {
    name: 'pizza_orders_cancelled',
    schemaFilename: 'pizza_orders_cancelled.avro',
    keyField: 'store_id',
    schema: PIZZA_ORDERS_CANCELLED,
  },
  {
    name: 'gaming_player_activity',
    schemaFilename: 'gaming_player_activity.avro',
    keyField: 'player_id',
    schema: GAMING_PLAYER_ACTIVITY,
  },
  { name: 'payroll_bonus', schemaFilename: 'payroll_bonus.avro', keyField: 'employee_id', schema: PAYROLL_BONUS },
];

/** The quickstart of a `quickstart` value, ignoring case, or undefined. */
export function quickstartNamed(name: string): Quickstart | undefined {
  const lower = name.toLowerCase();
  return QUICKSTARTS.find((quickstart) => quickstart.name === lower);
}
