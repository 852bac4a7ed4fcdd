import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../shared/api';
import { parseJdbcUrl, sanitizedUrl } from '../../../../shared/connectors/jdbc';

describe('parseJdbcUrl', () => {
  it('reads host, port, database and parameters of a PostgreSQL URL', () => {
    // Act
    const url = parseJdbcUrl('jdbc:postgresql://db.example.com:6543/shop?sslmode=require&currentSchema=sales');
    // Assess
    expect(url).toMatchObject({
      kind: 'postgresql',
      host: 'db.example.com',
      port: 6543,
      database: 'shop',
      user: null,
      params: { sslmode: 'require', currentSchema: 'sales' },
    });
  });

  it('defaults the host and port, and takes the database from the short form', () => {
    expect(parseJdbcUrl('jdbc:postgresql:shop')).toMatchObject({ host: 'localhost', port: 5432, database: 'shop' });
    expect(parseJdbcUrl('jdbc:mysql://db/')).toMatchObject({ kind: 'mysql', host: 'db', port: 3306, database: null });
  });

  it('reads MySQL and MariaDB URLs with credentials in the authority or the parameters', () => {
    // Act
    const inAuthority = parseJdbcUrl('jdbc:mariadb://app:p%40ss@10.0.0.5:3307/orders');
    const inParams = parseJdbcUrl('jdbc:mysql://[::1]/orders?user=app&password=secret&useSSL=false');
    // Assess
    expect(inAuthority).toMatchObject({ kind: 'mysql', host: '10.0.0.5', port: 3307, user: 'app', password: 'p@ss' });
    expect(inParams).toMatchObject({ host: '::1', user: 'app', password: 'secret', params: { useSSL: 'false' } });
  });

  it('uses the first host of a failover list', () => {
    expect(parseJdbcUrl('jdbc:postgresql://a:1,b:2/db')).toMatchObject({ host: 'a', port: 1 });
  });

  it('refuses another database with a ConfigError on connection.url that hides the password', () => {
    // Act
    const parse = () => parseJdbcUrl('jdbc:oracle:thin:@host:1521?password=hunter2');
    // Assess
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/connection.url: no dialect for this JDBC URL/);
    expect(parse).not.toThrow(/hunter2/);
  });

  it('hides passwords in URLs for messages', () => {
    expect(sanitizedUrl('jdbc:mysql://u:secret@h/db?password=other&x=1')).toBe(
      'jdbc:mysql://u:****@h/db?password=****&x=1',
    );
  });
});
