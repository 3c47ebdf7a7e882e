// The submission baseline: bare Express + mysql2, inserting the same response and answer rows
// as Pejling in one transaction, run as plain JavaScript in its own process like Pejling's
// production build. Configured by the JSON file named as its argument (databaseUrl, port,
// roundId, versionId, invitationIds, rows); prints "listening" when ready.
import fs from 'node:fs';
import express from 'express';
import mysql from 'mysql2/promise';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const pool = mysql.createPool({ uri: config.databaseUrl, connectionLimit: 20 });
const app = express();
app.use(express.json({ limit: '100kb' }));
let nextInvitation = 0;
app.post('/bare/:token', async (req, res) => {
  let connection;
  try {
    connection = await pool.getConnection();
    await connection.beginTransaction();
    const [result] = await connection.query(
      'INSERT INTO response (invitation_id, round_id, respondent_id, questionnaire_version_id, language, submitted_at) VALUES (?, ?, NULL, ?, ?, NOW())',
      [config.invitationIds[nextInvitation++ % config.invitationIds.length], config.roundId, config.versionId, 'da'],
    );
    await connection.query('INSERT INTO answer (response_id, round_id, item_id, sub_id, value_code, value_number, value_text) VALUES ?', [
      config.rows.map((r) => [result.insertId, config.roundId, r.itemId, r.subId, r.valueCode, r.valueNumber, r.valueText]),
    ]);
    await connection.commit();
    res.status(201).json({ responseId: result.insertId, answers: req.body.answers ? config.rows.length : 0 });
  } catch (error) {
    await connection?.rollback().catch(() => undefined);
    res.status(500).json({ error: String(error) });
  } finally {
    connection?.release();
  }
});
const server = app.listen(config.port, '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => void pool.end().finally(() => process.exit(0))));
